#include "engine/metrics/http_server.h"

#include <list>

#include "engine/common/listen.h"
#include "engine/metrics/http_request.h"

namespace sluice::metrics {

struct http_server::shared_state {
    shared_state(asio::io_context& io, page_builder p, http_server_limits l)
        : acceptor(io), page(std::move(p)), limits(l) {}
    tcp::acceptor acceptor;
    page_builder page;
    http_server_limits limits;
    std::list<std::shared_ptr<tcp::socket>> open;  // to close on stop()
    bool stopped = false;
};

namespace {

using state_ptr = std::shared_ptr<http_server::shared_state>;

awaitable<void> serve(state_ptr state, std::shared_ptr<tcp::socket> socket) {
    // One deadline for the whole exchange: a client that sends slowly or reads slowly is cut off.
    asio::steady_timer deadline(socket->get_executor(), state->limits.timeout);
    deadline.async_wait([socket](boost::system::error_code ec) {
        if (!ec) {
            boost::system::error_code ignored;
            socket->close(ignored);
        }
    });
    std::string head;
    boost::system::error_code ec;
    auto buffer = asio::dynamic_buffer(head, state->limits.max_request_bytes);
    std::size_t n =
        co_await asio::async_read_until(*socket, buffer, "\r\n\r\n", asio::redirect_error(asio::use_awaitable, ec));
    http_response response;
    if (!ec)
        response = answer_http_request(std::string_view(head).substr(0, n - 4), state->page);
    else if (ec == asio::error::not_found)  // the buffer's limit was reached before the blank line
        response = http_error(431);
    else if (socket->is_open() && ec != asio::error::eof && ec != asio::error::connection_reset)
        response = http_error(400);
    else
        response.status = 0;  // closed by the client or the deadline: nothing to answer
    if (response.status != 0 && socket->is_open()) {
        auto wire = response.serialize();
        co_await asio::async_write(*socket, asio::buffer(wire), asio::redirect_error(asio::use_awaitable, ec));
        socket->shutdown(tcp::socket::shutdown_send, ec);
    }
    deadline.cancel();
    socket->close(ec);
}

awaitable<void> accept_loop(state_ptr state) {
    for (;;) {
        boost::system::error_code ec;
        tcp::socket socket = co_await state->acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (state->stopped) co_return;
        if (ec) {
            if (ec == asio::error::operation_aborted || !state->acceptor.is_open()) co_return;
            continue;  // e.g. out of file descriptors for a moment: keep serving
        }
        if (state->open.size() >= state->limits.max_connections) {
            socket.close(ec);
            continue;
        }
        auto shared = std::make_shared<tcp::socket>(std::move(socket));
        auto it = state->open.insert(state->open.end(), shared);
        asio::co_spawn(state->acceptor.get_executor(), serve(state, shared), [state, it](std::exception_ptr) {
            // Whatever happened to this connection, forget it (serve() handles its errors as values).
            if (!state->stopped) state->open.erase(it);
        });
    }
}

}  // namespace

result<std::unique_ptr<http_server>> http_server::start(asio::io_context& io, const std::string& host, uint16_t port,
                                                        page_builder page, http_server_limits limits) {
    auto state = std::make_shared<shared_state>(io, std::move(page), limits);
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) return make_error(protocol::error_code::invalid_config, "metrics: bad bind address '" + host + "'");
    ec = listen_on(state->acceptor, tcp::endpoint(address, port));
    if (ec)
        return make_error(protocol::error_code::invalid_config,
                          "metrics: cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    uint16_t bound = state->acceptor.local_endpoint().port();
    asio::co_spawn(io, accept_loop(state), asio::detached);
    return std::make_unique<http_server>(std::move(state), bound);
}

void http_server::stop() {
    if (!state_ || state_->stopped) return;
    state_->stopped = true;
    boost::system::error_code ec;
    state_->acceptor.close(ec);
    for (auto& socket : state_->open) socket->close(ec);
    state_->open.clear();
}

http_server::~http_server() {
    // The owner stops it on io's thread; if it did not, at least the port is released (the coroutines keep
    // the state alive until they see the closed acceptor).
    if (state_ && !state_->stopped) {
        boost::system::error_code ec;
        state_->stopped = true;
        state_->acceptor.close(ec);
    }
}

}  // namespace sluice::metrics
