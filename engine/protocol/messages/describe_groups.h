// DescribeGroups (key 15): state, protocol and members (with metadata and assignment) of groups. v3 adds
// authorized operations, v4 GroupInstanceId; v5 is flexible. An unknown group is described as "Dead".
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct describe_groups_request {
    std::vector<std::string> groups;
    bool include_authorized_operations = false;  // v3+
    static constexpr auto schema() {
        using T = describe_groups_request;
        return std::tuple{field(&T::groups, "Groups"),
                          field(&T::include_authorized_operations, "IncludeAuthorizedOperations", 3)};
    }
};

struct describe_groups_response {
    struct member {
        std::string member_id;
        std::optional<std::string> group_instance_id;  // v4+
        std::string client_id;
        std::string client_host;
        bytes member_metadata;
        bytes member_assignment;
        static constexpr auto schema() {
            using T = member;
            return std::tuple{field(&T::member_id, "MemberId"), field(&T::group_instance_id, "GroupInstanceId", 4),
                              field(&T::client_id, "ClientId"), field(&T::client_host, "ClientHost"),
                              field(&T::member_metadata, "MemberMetadata"),
                              field(&T::member_assignment, "MemberAssignment")};
        }
    };
    struct group {
        int16_t error_code = 0;
        std::string group_id;
        std::string group_state;
        std::string protocol_type;
        std::string protocol_data;  // the chosen protocol's name
        std::vector<member> members;
        int32_t authorized_operations = INT32_MIN;  // v3+
        static constexpr auto schema() {
            using T = group;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::group_id, "GroupId"),
                              field(&T::group_state, "GroupState"), field(&T::protocol_type, "ProtocolType"),
                              field(&T::protocol_data, "ProtocolData"), field(&T::members, "Members"),
                              field(&T::authorized_operations, "AuthorizedOperations", 3)};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<group> groups;
    static constexpr auto schema() {
        using T = describe_groups_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::groups, "Groups")};
    }
};

struct describe_groups_api {
    static constexpr api_key key = api_key::describe_groups;
    using request = describe_groups_request;
    using response = describe_groups_response;
};

SLUICE_DECLARE_CODEC(describe_groups_request);
SLUICE_DECLARE_CODEC(describe_groups_response);

}  // namespace sluice::protocol
