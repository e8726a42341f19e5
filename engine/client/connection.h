// A blocking Kafka connection for worker threads: a thin wrapper that owns one io_context and runs an
// async_connection on it until each call completes. Never blocks forever: every call ends by its timeout.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "engine/client/async_connection.h"

namespace sluice::client {

class connection {
public:
    // host:port, e.g. "127.0.0.1:9092". `timeout` bounds connecting and each request.
    static result<std::unique_ptr<connection>> open(const std::string& address, std::chrono::milliseconds timeout,
                                                    std::string client_id = "sluice");
    // Secured as `security` says (TLS and/or SASL).
    static result<std::unique_ptr<connection>> open(const std::string& address, const client_security& security,
                                                    std::chrono::milliseconds timeout,
                                                    std::string client_id = "sluice");
    connection(const std::string& client_id, std::chrono::milliseconds timeout);  // unconnected; use open()
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    // The version to speak: the highest both the broker and client_versions() allow; error if no overlap.
    result<int16_t> pick_version(protocol::api_key key) const;

    // Sends a request and waits for its response, at most the connection's timeout.
    template <class Api>
    result<typename Api::response> send(const typename Api::request& request, int16_t version) {
        if (!async_) return not_connected();
        std::optional<result<typename Api::response>> out;
        run(store(async_->send<Api>(request, version, timeout_), out));
        if (!out) return not_connected();
        return std::move(*out);
    }

    const std::string& address() const { return address_; }

private:
    template <class T>
    static awaitable<void> store(awaitable<T> op, std::optional<T>& out) {
        out.emplace(co_await std::move(op));
    }
    // Runs `op` on io_ until it finishes (its own deadline bounds it).
    void run(awaitable<void> op);
    error not_connected() const;

    asio::io_context io_;  // first: outlives async_
    std::unique_ptr<async_connection> async_;
    std::string client_id_;
    std::string address_;
    std::chrono::milliseconds timeout_;
};

}  // namespace sluice::client
