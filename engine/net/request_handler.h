// What a server hands each request frame to, and what it gets back.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "engine/common/asio.h"
#include "engine/protocol/wire.h"

namespace sluice::net {

// Per-connection facts a handler may need (and later: the authenticated principal, SASL state).
struct connection_info {
    std::string peer;  // "host:port"
    uint64_t id = 0;
};

struct handler_outcome {
    std::optional<protocol::bytes> response;  // frame body without the size prefix; none for acks=0 produce
    bool close_connection = false;            // malformed request: Kafka closes rather than guessing
};

using request_handler = std::function<awaitable<handler_outcome>(connection_info&, protocol::bytes request)>;

}  // namespace sluice::net
