#include "engine/net/tcp_server.h"

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <exception>
#include <set>
#include <string_view>
#include <utility>

#include "engine/common/listen.h"
#include "engine/common/log.h"

namespace sluice::net {

namespace {
// One open connection, whatever its stream: the server only needs to close it.
struct open_connection {
    virtual ~open_connection() = default;
    virtual tcp::socket& socket() = 0;
};

template <class Stream>
struct stream_connection final : open_connection {
    template <class... Args>
    explicit stream_connection(Args&&... args) : stream(std::forward<Args>(args)...) {}
    tcp::socket& socket() override {
        if constexpr (std::is_same_v<Stream, tcp::socket>)
            return stream;
        else
            return stream.next_layer();
    }
    Stream stream;
};

using plain_connection = stream_connection<tcp::socket>;
using tls_connection = stream_connection<asio::ssl::stream<tcp::socket>>;
}  // namespace

struct tcp_server::shared_state {
    explicit shared_state(asio::io_context& io) : acceptor(io) {}
    tcp::acceptor acceptor;
    server_limits limits;
    request_handler handler;
    listener_security security;
    std::set<std::shared_ptr<open_connection>> connections;
    uint64_t next_connection_id = 1;
    bool stopped = false;
    std::atomic<std::size_t> client_connections{0};  // read from any thread: client_connection_count()
};

namespace {

int32_t load_int32(const std::array<uint8_t, 4>& b) {
    return static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3]);
}

// A TLS record starts 0x16 0x03: a ClientHello sent to a plaintext listener reads as a huge frame size.
bool looks_like_tls(const std::array<uint8_t, 4>& b) { return b[0] == 0x16 && b[1] == 0x03; }

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

// While a handler runs nothing reads the socket, so its readiness means one of two things: bytes are waiting
// (a pipelined request, or a TLS record only the TLS layer can read: the framing loop's business, so the
// watch ends) or the peer closed (FIN or reset: nothing to peek). Only the second marks the watch.
void watch_for_close(tcp::socket& socket, const std::shared_ptr<peer_watch>& watch, uint64_t generation) {
    socket.async_wait(tcp::socket::wait_read, [&socket, watch, generation](boost::system::error_code ec) {
        if (ec || !watch->current(generation)) return;  // cancelled, or the request already answered
        uint8_t byte = 0;
        const ssize_t got = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            watch->mark_closed();
        else if (got < 0)
            watch_for_close(socket, watch, generation);  // spurious readiness: watch on
    });
}

tcp::socket& raw_socket(tcp::socket& stream) { return stream; }
tcp::socket& raw_socket(asio::ssl::stream<tcp::socket>& stream) { return stream.next_layer(); }

template <class Stream>
awaitable<void> serve_frames(std::shared_ptr<tcp_server::shared_state> state, Stream& stream, connection_info info) {
    boost::system::error_code ec;
    std::array<uint8_t, 4> size_bytes{};
    protocol::bytes frame;
    protocol::bytes out;
    client_tally tally(state->client_connections);
    for (;;) {
        co_await asio::async_read(stream, asio::buffer(size_bytes), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        int32_t size = load_int32(size_bytes);
        // Kafka closes the connection on a negative or oversized frame (InvalidReceiveException): there is no
        // correlation id to answer to, and reading on would desynchronise the stream. A bare SASL token
        // (handshake v0) has no header and may be shorter than one.
        int32_t min_size = info.raw_token_expected() ? 0 : 8;
        if (size < min_size || size > state->limits.max_request_bytes) {
            log_warning("closing the connection from " + info.peer + " on listener " + info.listener +
                        ": invalid frame size " + std::to_string(size) +
                        (looks_like_tls(size_bytes) ? " (a TLS client on a plaintext listener?)" : ""));
            break;
        }
        frame.resize(static_cast<std::size_t>(size));
        co_await asio::async_read(stream, asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        tally.first_request(frame);
        const uint64_t watch = info.liveness->begin();
        watch_for_close(raw_socket(stream), info.liveness, watch);
        handler_outcome outcome = co_await state->handler(info, std::move(frame));
        info.liveness->end();
        raw_socket(stream).cancel(ec);  // the readiness wait, if still armed
        frame = {};
        if (info.liveness->closed()) break;  // nobody to answer: free the descriptor now
        if (outcome.response) {
            // Size and body in one buffer: one write, and over TLS one record rather than a 4-byte one first.
            out.clear();
            protocol::wire_writer w(out);
            w.write_int32(static_cast<int32_t>(outcome.response->size()));
            w.write_raw(*outcome.response);
            co_await asio::async_write(stream, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
        }
        if (outcome.close_connection) break;
        if (info.mute_ms > 0) {  // throttled: the client's next requests wait in the socket, unread
            asio::steady_timer muted(stream.get_executor(), std::chrono::milliseconds(std::exchange(info.mute_ms, 0)));
            co_await muted.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
    }
}

awaitable<void> serve_plain(std::shared_ptr<tcp_server::shared_state> state, std::shared_ptr<plain_connection> conn,
                            connection_info info) {
    co_await serve_frames(state, conn->stream, std::move(info));
}

// The TLS handshake, then the principal of a client that sent a certificate, then the same framing loop.
// A failed handshake (a plaintext client, an untrusted or missing certificate) is logged once and closes.
awaitable<void> serve_tls(std::shared_ptr<tcp_server::shared_state> state, std::shared_ptr<tls_connection> conn,
                          connection_info info) {
    boost::system::error_code ec;
    co_await conn->stream.async_handshake(asio::ssl::stream_base::server,
                                          asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        // A peer that connects and leaves without a word (a port probe) is not worth a warning.
        if (ec != asio::error::operation_aborted && ec != asio::error::eof && ec != asio::ssl::error::stream_truncated)
            log_warning("TLS handshake with " + info.peer + " on listener " + info.listener + " failed: " +
                        ec.message() + " (a plaintext client on a TLS listener, or a certificate problem)");
        co_return;
    }
    if (auto subject = security::peer_subject(conn->stream.native_handle())) {
        auto name = state->security.principal_mapping ? state->security.principal_mapping->map(*subject)
                                                      : result<std::string>(*subject);
        if (!name) {
            log_warning("closing the TLS connection from " + info.peer + ": " + name.err().message);
            co_return;
        }
        // On SASL_SSL the SASL user replaces it once authenticated; on SSL it is the principal.
        info.principal = security::user_principal(std::move(name.value()));
    }
    // No TLS close_notify exchange at the end: a peer that never answers it would hold the connection open.
    co_await serve_frames(state, conn->stream, std::move(info));
}

// The one place a connection ends, however its coroutine finished: an exception (a bug, or bad_alloc on a
// hostile size) is logged once with the peer, and the socket is closed and forgotten; the node keeps serving.
void finish_connection(const std::shared_ptr<tcp_server::shared_state>& state,
                       const std::shared_ptr<open_connection>& conn, const std::string& peer,
                       std::exception_ptr failure) {
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
    conn->socket().shutdown(tcp::socket::shutdown_both, ec);
    conn->socket().close(ec);
    state->connections.erase(conn);
}

template <class Connection, class Serve>
void spawn_connection(const std::shared_ptr<tcp_server::shared_state>& state, std::shared_ptr<Connection> conn,
                      connection_info info, Serve serve) {
    std::string peer = info.peer;
    state->connections.insert(conn);
    asio::co_spawn(state->acceptor.get_executor(), serve(state, conn, std::move(info)),
                   [state, conn, peer = std::move(peer)](std::exception_ptr failure) {
                       finish_connection(state, conn, peer, failure);
                   });
}

awaitable<void> accept_loop(std::shared_ptr<tcp_server::shared_state> state) {
    for (;;) {
        boost::system::error_code ec;
        tcp::socket socket(state->acceptor.get_executor());
        co_await state->acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (state->stopped) co_return;
        if (ec) {
            if (ec == asio::error::operation_aborted) co_return;
            continue;  // e.g. EMFILE: keep serving the connections we have
        }
        socket.set_option(tcp::no_delay(true), ec);
        connection_info info;
        info.id = state->next_connection_id++;
        info.listener = state->security.name;
        info.protocol = state->security.protocol;
        if (security::uses_sasl(info.protocol)) info.sasl.stage = security::sasl_stage::handshake;
        auto remote = socket.remote_endpoint(ec);
        if (!ec) info.peer = remote.address().to_string() + ":" + std::to_string(remote.port());
        if (state->security.tls)
            spawn_connection(state, std::make_shared<tls_connection>(std::move(socket), *state->security.tls),
                             std::move(info), serve_tls);
        else
            spawn_connection(state, std::make_shared<plain_connection>(std::move(socket)), std::move(info),
                             serve_plain);
    }
}

}  // namespace

result<std::unique_ptr<tcp_server>> tcp_server::start(asio::io_context& io, const std::string& host, uint16_t port,
                                                      server_limits limits, request_handler handler,
                                                      listener_security security) {
    if (security::uses_tls(security.protocol) && !security.tls)
        return make_error(protocol::error_code::invalid_config,
                          "listener " + security.name + " uses " +
                              std::string(security::security_protocol_name(security.protocol)) +
                              " but has no TLS context");
    auto state = std::make_shared<shared_state>(io);
    state->limits = limits;
    state->handler = std::move(handler);
    state->security = std::move(security);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec)
        return make_error(protocol::error_code::invalid_config,
                          "invalid listener host '" + host + "': " + ec.message());
    ec = listen_on(state->acceptor, tcp::endpoint(address, port));
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
    for (const auto& conn : state_->connections) conn->socket().close(ec);
}

std::size_t tcp_server::connection_count() const { return state_->connections.size(); }

std::size_t tcp_server::client_connection_count() const {
    return state_->client_connections.load(std::memory_order_relaxed);
}

tcp_server::~tcp_server() = default;

}  // namespace sluice::net
