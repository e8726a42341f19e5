// SaslHandshake (key 17): the client names a SASL mechanism; the answer lists the enabled ones. v0 is followed
// by bare size-prefixed tokens, v1 by SaslAuthenticate requests (KIP-152). Never flexible.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct sasl_handshake_request {
    std::string mechanism;
    static constexpr auto schema() { return std::tuple{field(&sasl_handshake_request::mechanism, "Mechanism")}; }
};

struct sasl_handshake_response {
    int16_t error_code = 0;
    std::vector<std::string> mechanisms;
    static constexpr auto schema() {
        using T = sasl_handshake_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::mechanisms, "Mechanisms")};
    }
};

struct sasl_handshake_api {
    static constexpr api_key key = api_key::sasl_handshake;
    using request = sasl_handshake_request;
    using response = sasl_handshake_response;
};

SLUICE_DECLARE_CODEC(sasl_handshake_request);
SLUICE_DECLARE_CODEC(sasl_handshake_response);

}  // namespace sluice::protocol
