// One broker node for API tests: a free 127.0.0.1 port, a temporary data dir that outlives restarts, and the
// properties the test gives (the listener is added).
#pragma once
#include <QTcpServer>
#include <QTemporaryDir>
#include <map>
#include <memory>
#include <string>

#include "engine/broker/node.h"

namespace sluice::testing {

class test_node {
public:
    test_node() : port_(free_port()) {}
    ~test_node() { stop(); }

    broker::node_config config_with(std::map<std::string, std::string> properties) const {
        broker::node_config config;
        config.port = port_;
        config.data_dir = dir_.path().toStdString();
        config.properties = std::move(properties);
        config.properties["listeners"] = "PLAINTEXT://127.0.0.1:" + std::to_string(port_);
        return config;
    }
    // An empty string when the node runs, else why it did not start.
    std::string start(std::map<std::string, std::string> properties) {
        auto started = broker::node::start(config_with(std::move(properties)));
        if (!started.ok()) return started.err().message.empty() ? "start failed" : started.err().message;
        node_ = std::move(started.value());
        return {};
    }
    void stop() {
        if (node_) node_->stop();
        node_.reset();
    }
    uint16_t port() const { return port_; }
    broker::node* node() const { return node_.get(); }

    static uint16_t free_port() {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

private:
    QTemporaryDir dir_;
    uint16_t port_;
    std::unique_ptr<broker::node> node_;
};

}  // namespace sluice::testing
