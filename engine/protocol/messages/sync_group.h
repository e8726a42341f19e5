// SyncGroup (key 14): after a JoinGroup round the leader sends every member's assignment; every member gets
// its own back. v3 adds GroupInstanceId, v4 is the first flexible version, v5 adds protocol type and name.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct sync_group_request {
    struct assignment {
        std::string member_id;
        bytes assignment;
        static constexpr auto schema() {
            return std::tuple{field(&assignment::member_id, "MemberId"),
                              field(&assignment::assignment, "Assignment")};
        }
    };
    std::string group_id;
    int32_t generation_id = -1;
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v3+
    std::optional<std::string> protocol_type;      // v5+
    std::optional<std::string> protocol_name;      // v5+
    std::vector<assignment> assignments;
    static constexpr auto schema() {
        using T = sync_group_request;
        return std::tuple{field(&T::group_id, "GroupId"), field(&T::generation_id, "GenerationId"),
                          field(&T::member_id, "MemberId"), field(&T::group_instance_id, "GroupInstanceId", 3),
                          field(&T::protocol_type, "ProtocolType", 5), field(&T::protocol_name, "ProtocolName", 5),
                          field(&T::assignments, "Assignments")};
    }
};

struct sync_group_response {
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::optional<std::string> protocol_type;  // v5+
    std::optional<std::string> protocol_name;  // v5+
    bytes assignment;
    static constexpr auto schema() {
        using T = sync_group_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::error_code, "ErrorCode"),
                          field(&T::protocol_type, "ProtocolType", 5), field(&T::protocol_name, "ProtocolName", 5),
                          field(&T::assignment, "Assignment")};
    }
};

struct sync_group_api {
    static constexpr api_key key = api_key::sync_group;
    using request = sync_group_request;
    using response = sync_group_response;
};

SLUICE_DECLARE_CODEC(sync_group_request);
SLUICE_DECLARE_CODEC(sync_group_response);

}  // namespace sluice::protocol
