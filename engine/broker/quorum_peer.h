// One other voter of the metadata quorum as this node reaches it: a lazily opened async_connection to its
// listener, reopened after a failure with exponential backoff. Callers that arrive while it connects wait
// for that attempt instead of opening a second one.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/async_connection.h"
#include "engine/common/asio.h"
#include "engine/common/result.h"

namespace sluice::broker {

class quorum_peer {
public:
    // `link`: the fault-injected link to this peer, if the node has a fault table; `security`: how the
    // connection to its listener is secured (TLS, SASL).
    quorum_peer(asio::any_io_executor executor, int32_t id, std::string address, int64_t backoff_min_ms,
                int64_t backoff_max_ms, std::optional<net::link> link = std::nullopt,
                client::client_security security = {});
    ~quorum_peer();
    quorum_peer(const quorum_peer&) = delete;
    quorum_peer& operator=(const quorum_peer&) = delete;

    // An open connection, or NETWORK_EXCEPTION while the peer is unreachable (during the backoff too). The
    // pointer is valid until the next co_await on this peer; send() awaitables outlive a reconnect safely.
    awaitable<result<client::async_connection*>> connection();
    // Forgets the connection (after a failed request), so the next call reconnects.
    void reset();
    void close();
    int32_t id() const { return id_; }
    const std::string& address() const { return address_; }

private:
    asio::any_io_executor executor_;
    int32_t id_;
    std::string address_;
    int64_t backoff_min_ms_, backoff_max_ms_;
    int64_t backoff_ms_;
    std::optional<net::link> link_;
    client::client_security security_;
    int64_t retry_at_ms_ = 0;
    bool connecting_ = false;
    bool closed_ = false;
    std::unique_ptr<client::async_connection> connection_;
    std::vector<std::shared_ptr<asio::steady_timer>> waiting_;  // callers waiting for the attempt in progress
};

}  // namespace sluice::broker
