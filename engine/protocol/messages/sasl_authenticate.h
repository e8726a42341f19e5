// SaslAuthenticate (key 36): one SASL token each way. v1 adds SessionLifetimeMs, v2 is flexible.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct sasl_authenticate_request {
    bytes auth_bytes;
    static constexpr auto schema() { return std::tuple{field(&sasl_authenticate_request::auth_bytes, "AuthBytes")}; }
};

struct sasl_authenticate_response {
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    bytes auth_bytes;
    int64_t session_lifetime_ms = 0;  // v1+; 0: the session does not expire (no re-authentication)
    static constexpr auto schema() {
        using T = sasl_authenticate_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::error_message, "ErrorMessage"),
                          field(&T::auth_bytes, "AuthBytes"), field(&T::session_lifetime_ms, "SessionLifetimeMs", 1)};
    }
};

struct sasl_authenticate_api {
    static constexpr api_key key = api_key::sasl_authenticate;
    using request = sasl_authenticate_request;
    using response = sasl_authenticate_response;
};

SLUICE_DECLARE_CODEC(sasl_authenticate_request);
SLUICE_DECLARE_CODEC(sasl_authenticate_response);

}  // namespace sluice::protocol
