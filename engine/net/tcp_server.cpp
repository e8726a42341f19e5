#include "engine/net/tcp_server.h"

#include <array>
#include <atomic>
#include <exception>
#include <set>
#include <string_view>

#include "engine/common/log.h"

namespace sluice::net {

struct tcp_server::shared_state {
    explicit shared_state(asio::io_context& io) : acceptor(io) {}
    tcp::acceptor acceptor;
    server_limits limits;
    request_handler handler;
    std::set<std::shared_ptr<tcp::socket>> connections;
    uint64_t next_connection_id = 1;
    bool stopped = false;
    std::atomic<std::size_t> client_connections{0};  // read from any thread: client_connection_count()
};

namespace {

int32_t load_int32(const std::array<uint8_t, 4>& b) {
    return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3]);
}

// The client id of a request frame (header v1+: api key, api version, correlation id, then a nullable int16-length
// string); empty when it is null or the frame is too short to say.
std::string_view client_id_of(const protocol::bytes& frame) {
    if (frame.size() < 10) return {};
    const auto length = static_cast<int16_t>((frame[8] << 8) | frame[9]);
    if (length <= 0 || frame.size() < 10 + static_cast<std::size_t>(length)) return {};
    return {reinterpret_cast<const char*>(frame.data() + 10), static_cast<std::size_t>(length)};
}

// Counts one connection in shared_state::client_connections from its first request on, unless that request
// names one of Sluice's own clients; uncounts it when the connection's coroutine ends, however it ends.
class client_tally {
public:
    explicit client_tally(std::atomic<std::size_t>& count) : count_(count) {}
    ~client_tally() {
        if (counted_) count_.fetch_sub(1, std::memory_order_relaxed);
    }
    client_tally(const client_tally&) = delete;
    client_tally& operator=(const client_tally&) = delete;
    void first_request(const protocol::bytes& frame) {
        if (seen_) return;
        seen_ = true;
        if (client_id_of(frame).starts_with(own_client_id_prefix)) return;
        counted_ = true;
        count_.fetch_add(1, std::memory_order_relaxed);
    }

private:
    std::atomic<std::size_t>& count_;
    bool seen_ = false;
    bool counted_ = false;
};

awaitable<void> serve_connection(std::shared_ptr<tcp_server::shared_state> state, std::shared_ptr<tcp::socket> socket,
                                 connection_info info) {
    boost::system::error_code ec;
    std::array<uint8_t, 4> size_bytes{};
    protocol::bytes frame;
    protocol::bytes out;
    client_tally tally(state->client_connections);
    for (;;) {
        co_await asio::async_read(*socket, asio::buffer(size_bytes), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        int32_t size = load_int32(size_bytes);
        // Kafka closes the connection on a negative or oversized frame (InvalidReceiveException): there is no
        // correlation id to answer to, and reading on would desynchronise the stream.
        if (size < 8 || size > state->limits.max_request_bytes) break;
        frame.resize(static_cast<std::size_t>(size));
        co_await asio::async_read(*socket, asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        tally.first_request(frame);
        handler_outcome outcome = co_await state->handler(info, std::move(frame));
        frame = {};
        if (outcome.response) {
            out.clear();
            protocol::wire_writer w(out);
            w.write_int32(static_cast<int32_t>(outcome.response->size()));
            w.write_raw(*outcome.response);
            co_await asio::async_write(*socket, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
        }
        if (outcome.close_connection) break;
    }
}

// The one place a connection ends, however its coroutine finished: an exception (a bug, or bad_alloc on a
// hostile size) is logged once with the peer, and the socket is closed and forgotten; the node keeps serving.
void finish_connection(const std::shared_ptr<tcp_server::shared_state>& state, const std::shared_ptr<tcp::socket>& socket,
                       const std::string& peer, std::exception_ptr failure) {
    if (failure) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        log_warning("closing the connection from " + peer + " after an internal error: " + what);
    }
    boost::system::error_code ec;
    socket->shutdown(tcp::socket::shutdown_both, ec);
    socket->close(ec);
    state->connections.erase(socket);
}

awaitable<void> accept_loop(std::shared_ptr<tcp_server::shared_state> state) {
    for (;;) {
        boost::system::error_code ec;
        auto socket = std::make_shared<tcp::socket>(state->acceptor.get_executor());
        co_await state->acceptor.async_accept(*socket, asio::redirect_error(asio::use_awaitable, ec));
        if (state->stopped) co_return;
        if (ec) {
            if (ec == asio::error::operation_aborted) co_return;
            continue;  // e.g. EMFILE: keep serving the connections we have
        }
        socket->set_option(tcp::no_delay(true), ec);
        connection_info info;
        info.id = state->next_connection_id++;
        auto remote = socket->remote_endpoint(ec);
        if (!ec) info.peer = remote.address().to_string() + ":" + std::to_string(remote.port());
        state->connections.insert(socket);
        std::string peer = info.peer;
        asio::co_spawn(state->acceptor.get_executor(), serve_connection(state, socket, std::move(info)),
                       [state, socket, peer = std::move(peer)](std::exception_ptr failure) {
                           finish_connection(state, socket, peer, failure);
                       });
    }
}

}  // namespace

result<std::unique_ptr<tcp_server>> tcp_server::start(asio::io_context& io, const std::string& host, uint16_t port,
                                                      server_limits limits, request_handler handler) {
    auto state = std::make_shared<shared_state>(io);
    state->limits = limits;
    state->handler = std::move(handler);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) return make_error(protocol::error_code::invalid_config, "invalid listener host '" + host + "': " + ec.message());
    tcp::endpoint endpoint(address, port);
    state->acceptor.open(endpoint.protocol(), ec);
    if (!ec) state->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) state->acceptor.bind(endpoint, ec);
    if (!ec) state->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return make_error(protocol::error_code::network_exception,
                          "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    uint16_t bound = state->acceptor.local_endpoint().port();
    asio::co_spawn(io, accept_loop(state), asio::detached);
    return std::make_unique<tcp_server>(std::move(state), bound);
}

void tcp_server::stop() {
    if (state_->stopped) return;
    state_->stopped = true;
    boost::system::error_code ec;
    state_->acceptor.close(ec);
    for (const auto& socket : state_->connections) socket->close(ec);
}

std::size_t tcp_server::connection_count() const { return state_->connections.size(); }

std::size_t tcp_server::client_connection_count() const {
    return state_->client_connections.load(std::memory_order_relaxed);
}

tcp_server::~tcp_server() = default;

}  // namespace sluice::net
