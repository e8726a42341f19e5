// What a server hands each request frame to, and what it gets back.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "engine/common/asio.h"
#include "engine/net/peer_watch.h"
#include "engine/protocol/wire.h"
#include "engine/security/kafka_principal.h"
#include "engine/security/sasl_exchange.h"
#include "engine/security/security_protocol.h"

namespace sluice::net {

// Per-connection facts a handler may need. `principal` is the seam for the authorizer: the mTLS client's
// mapped certificate subject, the SASL user once authenticated, or User:ANONYMOUS.
struct connection_info {
    std::string peer;  // "host:port"
    uint64_t id = 0;
    std::string listener;  // the listener's name, e.g. SASL_SSL or INTERNAL
    security::security_protocol protocol = security::security_protocol::plaintext;
    security::kafka_principal principal;
    security::sasl_exchange sasl;
    // Set by the framing loop while a handler runs: a parked request (long-poll Fetch) learns the client left.
    std::shared_ptr<peer_watch> liveness = std::make_shared<peer_watch>();
    // Set by a handler when the client is over its quota (KIP-219): once the response is written, the
    // connection reads nothing more for this long. The framing loop takes it (and resets it).
    int64_t mute_ms = 0;
    // The next frame is a bare SASL token (handshake v0): no header, and it may be shorter than one.
    bool raw_token_expected() const { return sasl.stage == security::sasl_stage::raw_tokens; }
};

struct handler_outcome {
    std::optional<protocol::bytes> response;  // frame body without the size prefix; none for acks=0 produce
    bool close_connection = false;            // after writing the response, if any: malformed request, failed auth
};

using request_handler = std::function<awaitable<handler_outcome>(connection_info&, protocol::bytes request)>;

}  // namespace sluice::net
