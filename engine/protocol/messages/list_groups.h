// ListGroups (key 16): the groups this coordinator knows. v3 is flexible; v4 filters by state and returns it.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct list_groups_request {
    std::vector<std::string> states_filter;  // v4+; empty: every state
    static constexpr auto schema() {
        return std::tuple{field(&list_groups_request::states_filter, "StatesFilter", 4)};
    }
};

struct list_groups_response {
    struct group {
        std::string group_id;
        std::string protocol_type;
        std::string group_state;  // v4+
        static constexpr auto schema() {
            return std::tuple{field(&group::group_id, "GroupId"), field(&group::protocol_type, "ProtocolType"),
                              field(&group::group_state, "GroupState", 4)};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::vector<group> groups;
    static constexpr auto schema() {
        using T = list_groups_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::error_code, "ErrorCode"),
                          field(&T::groups, "Groups")};
    }
};

struct list_groups_api {
    static constexpr api_key key = api_key::list_groups;
    using request = list_groups_request;
    using response = list_groups_response;
};

SLUICE_DECLARE_CODEC(list_groups_request);
SLUICE_DECLARE_CODEC(list_groups_response);

}  // namespace sluice::protocol
