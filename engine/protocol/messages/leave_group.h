// LeaveGroup (key 13): members leave a group so it rebalances at once. v0-2 name one member; v3+ a batch of
// members, each possibly static (GroupInstanceId); v4 is the first flexible version; v5 adds a reason.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct leave_group_request {
    struct member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        std::optional<std::string> reason;  // v5+
        static constexpr auto schema() {
            return std::tuple{field(&member::member_id, "MemberId"),
                              field(&member::group_instance_id, "GroupInstanceId"),
                              field(&member::reason, "Reason", 5)};
        }
    };
    std::string group_id;
    std::string member_id;        // v0-2
    std::vector<member> members;  // v3+
    static constexpr auto schema() {
        using T = leave_group_request;
        return std::tuple{field(&T::group_id, "GroupId"), field(&T::member_id, "MemberId", 0, 2),
                          field(&T::members, "Members", 3)};
    }
};

struct leave_group_response {
    struct member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        int16_t error_code = 0;
        static constexpr auto schema() {
            return std::tuple{field(&member::member_id, "MemberId"),
                              field(&member::group_instance_id, "GroupInstanceId"),
                              field(&member::error_code, "ErrorCode")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::vector<member> members;  // v3+
    static constexpr auto schema() {
        using T = leave_group_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::error_code, "ErrorCode"),
                          field(&T::members, "Members", 3)};
    }
};

struct leave_group_api {
    static constexpr api_key key = api_key::leave_group;
    using request = leave_group_request;
    using response = leave_group_response;
};

SLUICE_DECLARE_CODEC(leave_group_request);
SLUICE_DECLARE_CODEC(leave_group_response);

}  // namespace sluice::protocol
