// A tiny HTTP/1.1 server for Prometheus' scrapes of /metrics: one request per connection, answered and closed.
// It runs on the io_context it is given and builds the page there, so a scrape costs that thread only the
// time to build the text; a request head is bounded in size and time, and so is the number of connections.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "engine/common/asio.h"
#include "engine/common/result.h"

namespace sluice::metrics {

struct http_server_limits {
    std::size_t max_request_bytes = 8192;     // the request line and headers; more gets 431
    std::chrono::milliseconds timeout{5000};  // to receive the head and send the answer; then closed
    std::size_t max_connections = 16;         // more are closed at once
};

class http_server {
public:
    using page_builder = std::function<std::string()>;
    // Binds host:port (0 picks a free port) and starts accepting on `io`. `page` is called on io's thread.
    static result<std::unique_ptr<http_server>> start(asio::io_context& io, const std::string& host, uint16_t port,
                                                      page_builder page, http_server_limits limits = {});
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    uint16_t port() const { return port_; }
    // Stops accepting and closes open connections. Call on io's thread.
    void stop();

    struct shared_state;  // the acceptor and open connections, shared with the coroutines serving them
    http_server(std::shared_ptr<shared_state> state, uint16_t port) : state_(std::move(state)), port_(port) {}

private:
    std::shared_ptr<shared_state> state_;
    uint16_t port_ = 0;
};

}  // namespace sluice::metrics
