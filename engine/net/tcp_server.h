// A TCP listener that speaks Kafka framing (int32 size + body) and hands each request to a request_handler,
// over plain TCP or TLS (listener_security): the framing loop is one template over the stream type, so both
// run the same request path. A connection handles one request at a time, so responses leave in request
// order, as Kafka guarantees; pipelined requests wait in the socket buffer. A bad frame or a failed TLS
// handshake closes only that connection.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/net/listener_security.h"
#include "engine/net/request_handler.h"

namespace sluice::net {

// The client id prefix of Sluice's own connections: its nodes' peer links (replica fetchers, quorum, ISR updates)
// and the app's monitor and admin clients. client_connection_count() leaves them out.
inline constexpr std::string_view own_client_id_prefix = "sluice";

struct server_limits {
    int32_t max_request_bytes = 104857600;  // socket.request.max.bytes
};

class tcp_server {
public:
    // Binds host:port (port 0 picks a free one) on the executor's io_context and starts accepting.
    static result<std::unique_ptr<tcp_server>> start(asio::io_context& io, const std::string& host, uint16_t port,
                                                     server_limits limits, request_handler handler,
                                                     listener_security security = {});
    ~tcp_server();
    tcp_server(const tcp_server&) = delete;
    tcp_server& operator=(const tcp_server&) = delete;

    uint16_t port() const { return port_; }
    // Stops accepting and closes every open connection. Call on the io_context's thread.
    void stop();
    std::size_t connection_count() const;
    // Open connections whose first request came from a client other than Sluice's own (own_client_id_prefix):
    // the users' producers, consumers and tools. An atomic: cheap, and safe to read from any thread.
    std::size_t client_connection_count() const;

    struct shared_state;  // acceptor, open connections and handler, shared with the coroutines serving them
    tcp_server(std::shared_ptr<shared_state> state, uint16_t port) : state_(std::move(state)), port_(port) {}

private:
    std::shared_ptr<shared_state> state_;
    uint16_t port_ = 0;
};

}  // namespace sluice::net
