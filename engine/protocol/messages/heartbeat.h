// Heartbeat (key 12): a member says it is alive; the answer tells it when to rejoin (REBALANCE_IN_PROGRESS).
// v3 adds GroupInstanceId, v4 is the first flexible version.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct heartbeat_request {
    std::string group_id;
    int32_t generation_id = -1;
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v3+
    static constexpr auto schema() {
        using T = heartbeat_request;
        return std::tuple{field(&T::group_id, "GroupId"), field(&T::generation_id, "GenerationId"),
                          field(&T::member_id, "MemberId"), field(&T::group_instance_id, "GroupInstanceId", 3)};
    }
};

struct heartbeat_response {
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    static constexpr auto schema() {
        using T = heartbeat_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::error_code, "ErrorCode")};
    }
};

struct heartbeat_api {
    static constexpr api_key key = api_key::heartbeat;
    using request = heartbeat_request;
    using response = heartbeat_response;
};

SLUICE_DECLARE_CODEC(heartbeat_request);
SLUICE_DECLARE_CODEC(heartbeat_response);

}  // namespace sluice::protocol
