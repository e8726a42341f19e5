// Every listener of a node, bound: one acceptor per listener with its own security protocol (TLS context,
// SASL settings, principal mapping), and the listener_context its requests are handled with.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/broker/listener_config.h"
#include "engine/metadata/metadata_records.h"
#include "engine/net/tcp_server.h"

namespace sluice::broker {

class node_listeners {
public:
    using handler_factory = std::function<net::request_handler(const listener_context&)>;

    // The first non-controller listener (the one sluiced's --host/--port name) binds host:port; the others
    // bind where `listeners` says. Without `listeners`: one PLAINTEXT listener at host:port. Records what is
    // really bound in `listeners` and, unless set, `advertised.listeners`, so DescribeConfigs reports the
    // ports in use rather than a configured 0.
    static result<std::unique_ptr<node_listeners>> bind(asio::io_context& io, metadata::config_values& values,
                                                        const std::string& host, uint16_t port,
                                                        const net::server_limits& limits,
                                                        const handler_factory& handlers);

    const listener_context& primary() const { return bound_.front()->context; }
    // The first controller listener bound (controller.listener.names), if any: the others reach the quorum
    // through it, secured as it is.
    const listener_context* controller() const;
    uint16_t primary_port() const { return bound_.front()->server->port(); }
    // Every client listener (not the controller's) as advertised, the primary first: what the node registers
    // with the controller, so a client of any listener is sent to the other brokers' port of that listener.
    std::vector<metadata::broker_endpoint> client_endpoints() const;
    // Open connections from clients other than Sluice's own (net::own_client_id_prefix), summed over every
    // listener. Safe from any thread: the listeners are fixed once bound and each count is an atomic.
    std::size_t client_connection_count() const {
        std::size_t count = 0;
        for (const auto& b : bound_) count += b->server->client_connection_count();
        return count;
    }
    // Every listener's name and open connections (all of them: clients' and other nodes'). On the io thread.
    std::vector<std::pair<std::string, std::size_t>> connection_counts() const {
        std::vector<std::pair<std::string, std::size_t>> counts;
        for (const auto& b : bound_) counts.emplace_back(b->context.name, b->server->connection_count());
        return counts;
    }
    // Stops accepting and closes every connection of every listener. Call on the io thread.
    void stop();

private:
    struct bound_listener {
        listener_context context;
        std::unique_ptr<net::tcp_server> server;
        bool controller = false;  // one of controller.listener.names
    };
    std::vector<std::unique_ptr<bound_listener>> bound_;  // stable addresses: handlers hold their context
};

}  // namespace sluice::broker
