// One broker node on 127.0.0.1, port 0, in its own temporary directory: what the client tests talk to.
#pragma once
#include <QTemporaryDir>
#include <memory>
#include <string>

#include "engine/broker/node.h"

namespace sluice::testing {

class single_node {
public:
    // Empty when the node started, else why not (for QVERIFY2 in initTestCase).
    std::string start() {
        dir_ = std::make_unique<QTemporaryDir>();
        broker::node_config config;
        config.port = 0;
        config.data_dir = dir_->path().toStdString();
        auto started = broker::node::start(config);
        if (!started.ok()) return started.err().message.empty() ? "the node did not start" : started.err().message;
        node_ = std::move(started.value());
        address_ = "127.0.0.1:" + std::to_string(node_->port());
        return {};
    }
    void stop() {
        if (node_) node_->stop();
        node_.reset();
    }
    const std::string& address() const { return address_; }

private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<broker::node> node_;
    std::string address_;
};

}  // namespace sluice::testing
