// The server side of one SASL mechanism's exchange on one connection: tokens in, challenges out, until it
// completes with an authenticated name or fails. SaslAuthenticate (and the v0 raw-token flow) drive it.
#pragma once
#include <memory>
#include <span>
#include <string>

#include "engine/common/result.h"
#include "engine/security/crypto.h"

namespace sluice::security {

struct sasl_step {
    byte_string challenge;      // what goes back to the client (may be empty)
    bool complete = false;      // authenticated: no more tokens expected
    std::string authorized_id;  // the user name, once complete
};

class sasl_server {
public:
    virtual ~sasl_server() = default;
    // A failure is SASL_AUTHENTICATION_FAILED (or ILLEGAL_SASL_STATE) with the message the client is sent.
    virtual result<sasl_step> evaluate(std::span<const uint8_t> token) = 0;
};

}  // namespace sluice::security
