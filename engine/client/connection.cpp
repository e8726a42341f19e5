#include "engine/client/connection.h"

namespace sluice::client {

using protocol::error_code;

connection::connection(const std::string& client_id, std::chrono::milliseconds timeout)
    : client_id_(client_id), timeout_(timeout) {}

connection::~connection() {
    if (!async_) return;
    async_->close();
    async_.reset();
    // Let the reader and writer see the closed socket and finish, so nothing is left for ~io_context.
    io_.restart();
    io_.poll();
}

result<std::unique_ptr<connection>> connection::open(const std::string& address, std::chrono::milliseconds timeout,
                                                     std::string client_id) {
    return open(address, client_security{}, timeout, std::move(client_id));
}

result<std::unique_ptr<connection>> connection::open(const std::string& address, const client_security& security,
                                                     std::chrono::milliseconds timeout, std::string client_id) {
    auto conn = std::make_unique<connection>(client_id, timeout);
    conn->address_ = address;
    connection_options options;
    options.client_id = std::move(client_id);
    options.connect_timeout = timeout;
    options.security = security;
    std::optional<result<std::unique_ptr<async_connection>>> opened;
    conn->run(store(async_connection::open(conn->io_.get_executor(), address, options), opened));
    if (!opened) return conn->not_connected();
    if (!opened->ok()) return opened->err();
    conn->async_ = std::move(opened->value());
    return conn;
}

void connection::run(awaitable<void> op) {
    bool done = false;
    asio::co_spawn(io_, std::move(op), [&done](std::exception_ptr) { done = true; });
    io_.restart();
    while (!done)
        if (io_.run_one() == 0) break;  // out of work: cannot happen while op is pending, but never spin
}

error connection::not_connected() const {
    return make_error(error_code::network_exception, "not connected to " + (address_.empty() ? "a broker" : address_));
}

result<int16_t> connection::pick_version(protocol::api_key key) const {
    if (!async_) return not_connected();
    return async_->pick_version(key);
}

}  // namespace sluice::client
