// Test support for engine/client's async_connection: bounded io loops, requests sent from their own
// coroutines with their outcome and time, and fake_broker, a scripted peer for the failures a real node
// would not produce (silence, closing, corrupt answers). Header-only, for the tests in this folder.
#pragma once
#include <QTest>
#include <array>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "engine/client/async_connection.h"
#include "engine/protocol/header.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/metadata.h"

using namespace sluice;
using namespace std::chrono_literals;
using client::async_connection;
using client::connection_options;
using protocol::api_key;
using protocol::bytes;
using protocol::error_code;
using clock_type = std::chrono::steady_clock;

namespace {

using connection_ptr = std::unique_ptr<async_connection>;

// Runs `io` until `done()` or the bound; returns whether `done()` became true. Bounded, never a sleep.
bool run_until(asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds bound = 20s) {
    auto deadline = clock_type::now() + bound;
    io.restart();
    while (!done() && clock_type::now() < deadline) io.run_one_for(50ms);
    return done();
}

// Opens a connection on `io` and runs `io` until it is open (or failed).
result<connection_ptr> open_on(asio::io_context& io, const std::string& address, connection_options options = {}) {
    std::optional<result<connection_ptr>> out;
    asio::co_spawn(
        io,
        [&]() -> awaitable<void> { out.emplace(co_await async_connection::open(io.get_executor(), address, options)); },
        asio::detached);
    if (!run_until(io, [&] { return out.has_value(); }))
        return make_error(error_code::unknown_server_error, "open did not finish in the test's bound");
    return std::move(*out);
}

// The outcome of one request sent from its own coroutine, and when it ended.
template <class Response>
struct outcome {
    std::optional<result<Response>> value;
    clock_type::time_point at;
    std::thread::id thread;
};

template <class Api>
void spawn_send(asio::io_context& io, async_connection& conn, typename Api::request request, int16_t version,
                std::chrono::milliseconds timeout, outcome<typename Api::response>& out,
                std::vector<int>* order = nullptr, int index = 0) {
    asio::co_spawn(
        io,
        [&conn, &out, order, index, request = std::move(request), version, timeout]() -> awaitable<void> {
            auto r = co_await conn.send<Api>(request, version, timeout);
            out.at = clock_type::now();
            out.thread = std::this_thread::get_id();
            out.value.emplace(std::move(r));
            if (order) order->push_back(index);
        },
        asio::detached);
}

template <class T>
error_code code_of(const std::optional<result<T>>& r) {
    if (!r) return error_code::unknown_server_error;
    return r->ok() ? error_code::none : r->err().code;
}

protocol::metadata_request metadata_for(const std::string& topic) {
    protocol::metadata_request r;
    r.topics = std::vector<protocol::metadata_request::topic>{{{}, topic}};
    r.allow_auto_topic_creation = false;
    return r;
}

// A scripted peer: accepts connections on 127.0.0.1:0 and asks `policy` what to do with each request frame.
class fake_broker {
public:
    enum class action { answer, ignore, close };
    struct reply {
        action what = action::ignore;
        bytes frame;  // for answer: the response without its size prefix
    };
    using policy = std::function<reply(const protocol::request_header&, protocol::wire_reader& body)>;

    fake_broker(asio::io_context& io, policy p) : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
        shared_->decide = std::move(p);
        port_ = acceptor_.local_endpoint().port();
        asio::co_spawn(io, accept_loop(acceptor_, shared_), asio::detached);
    }
    ~fake_broker() {
        boost::system::error_code ec;
        acceptor_.close(ec);
        for (auto& s : shared_->sockets) s->close(ec);
    }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    // (api key, version) of every request received, in order.
    const std::vector<std::pair<int16_t, int16_t>>& seen() const { return shared_->seen; }

    // An ApiVersions answer in the shape of `version` listing `apis`, with `error`.
    static bytes api_versions_frame(int32_t correlation_id, int16_t version,
                                    std::vector<protocol::api_versions_response::api_version> apis,
                                    error_code error = error_code::none) {
        protocol::api_versions_response response;
        response.error_code = static_cast<int16_t>(error);
        response.api_keys = std::move(apis);
        bytes out;
        protocol::wire_writer w(out);
        protocol::write_response_header(w, static_cast<int16_t>(api_key::api_versions), version, correlation_id);
        protocol::encode_message(response, {version, version >= 3}, out);
        return out;
    }
    // Answers ApiVersions (any version) with a small list; leaves everything else to `rest`.
    static policy answering_api_versions(action rest) {
        return [rest](const protocol::request_header& h, protocol::wire_reader&) {
            if (h.api_key == static_cast<int16_t>(api_key::api_versions))
                return reply{action::answer,
                             api_versions_frame(h.correlation_id, h.api_version, {{18, 0, 3}, {3, 0, 9}})};
            return reply{rest, {}};
        };
    }

private:
    struct shared {
        policy decide;
        std::vector<std::pair<int16_t, int16_t>> seen;
        std::vector<std::shared_ptr<tcp::socket>> sockets;
    };

    static awaitable<void> accept_loop(tcp::acceptor& acceptor, std::shared_ptr<shared> state) {
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(acceptor.get_executor());
            boost::system::error_code ec;
            co_await acceptor.async_accept(*socket, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            state->sockets.push_back(socket);
            asio::co_spawn(acceptor.get_executor(), serve(socket, state), asio::detached);
        }
    }

    static awaitable<void> serve(std::shared_ptr<tcp::socket> socket, std::shared_ptr<shared> state) {
        boost::system::error_code ec;
        for (;;) {
            std::array<uint8_t, 4> size_bytes{};
            co_await asio::async_read(*socket, asio::buffer(size_bytes), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            protocol::wire_reader sr(size_bytes);
            bytes frame(static_cast<std::size_t>(sr.read_int32()));
            co_await asio::async_read(*socket, asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            protocol::wire_reader r(frame);
            protocol::request_header header;
            if (!protocol::read_request_header(r, header)) co_return;
            state->seen.emplace_back(header.api_key, header.api_version);
            auto what = state->decide(header, r);
            if (what.what == action::close) {
                socket->close(ec);
                co_return;
            }
            if (what.what == action::answer) {
                bytes out;
                protocol::wire_writer w(out);
                w.write_int32(static_cast<int32_t>(what.frame.size()));
                w.write_raw(what.frame);
                co_await asio::async_write(*socket, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
                if (ec) co_return;
            }
        }
    }

    tcp::acceptor acceptor_;
    std::shared_ptr<shared> shared_ = std::make_shared<shared>();
    uint16_t port_ = 0;
};

}  // namespace
