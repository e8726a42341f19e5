// UnregisterBroker (key 64): an operator removes a broker's registration from the KRaft controller
// (KIP-631). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct unregister_broker_request {
    int32_t broker_id = 0;
    static constexpr auto schema() { return std::tuple{field(&unregister_broker_request::broker_id, "BrokerId")}; }
};

struct unregister_broker_response {
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    static constexpr auto schema() {
        using T = unregister_broker_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage")};
    }
};

struct unregister_broker_api {
    static constexpr api_key key = api_key::unregister_broker;
    using request = unregister_broker_request;
    using response = unregister_broker_response;
};

SLUICE_DECLARE_CODEC(unregister_broker_request);
SLUICE_DECLARE_CODEC(unregister_broker_response);

}  // namespace sluice::protocol
