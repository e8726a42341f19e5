// DeleteGroups (key 42): removes empty groups and their committed offsets. v2 is flexible.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct delete_groups_request {
    std::vector<std::string> groups_names;
    static constexpr auto schema() { return std::tuple{field(&delete_groups_request::groups_names, "GroupsNames")}; }
};

struct delete_groups_response {
    struct result {
        std::string group_id;
        int16_t error_code = 0;
        static constexpr auto schema() {
            return std::tuple{field(&result::group_id, "GroupId"), field(&result::error_code, "ErrorCode")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<result> results;
    static constexpr auto schema() {
        using T = delete_groups_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::results, "Results")};
    }
};

struct delete_groups_api {
    static constexpr api_key key = api_key::delete_groups;
    using request = delete_groups_request;
    using response = delete_groups_response;
};

SLUICE_DECLARE_CODEC(delete_groups_request);
SLUICE_DECLARE_CODEC(delete_groups_response);

}  // namespace sluice::protocol
