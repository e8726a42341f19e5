// JoinGroup (key 11): a member joins (or rejoins) a group; the answer comes when the rebalance completes.
// v4+: a member without an id first gets MEMBER_ID_REQUIRED and its id; v5 adds static membership
// (GroupInstanceId); v6 is the first flexible version; v7 returns the protocol type and makes the name nullable.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct join_group_request {
    struct protocol {
        std::string name;
        bytes metadata;
        static constexpr auto schema() {
            return std::tuple{field(&protocol::name, "Name"), field(&protocol::metadata, "Metadata")};
        }
    };
    std::string group_id;
    int32_t session_timeout_ms = 0;
    int32_t rebalance_timeout_ms = -1;  // v1+; v0 uses the session timeout
    std::string member_id;
    std::optional<std::string> group_instance_id;  // v5+
    std::string protocol_type;
    std::vector<protocol> protocols;
    std::optional<std::string> reason;  // v8+
    static constexpr auto schema() {
        using T = join_group_request;
        return std::tuple{field(&T::group_id, "GroupId"), field(&T::session_timeout_ms, "SessionTimeoutMs"),
                          field(&T::rebalance_timeout_ms, "RebalanceTimeoutMs", 1), field(&T::member_id, "MemberId"),
                          field(&T::group_instance_id, "GroupInstanceId", 5), field(&T::protocol_type, "ProtocolType"),
                          field(&T::protocols, "Protocols"), field(&T::reason, "Reason", 8)};
    }
};

struct join_group_response {
    struct member {
        std::string member_id;
        std::optional<std::string> group_instance_id;  // v5+
        bytes metadata;
        static constexpr auto schema() {
            return std::tuple{field(&member::member_id, "MemberId"),
                              field(&member::group_instance_id, "GroupInstanceId", 5),
                              field(&member::metadata, "Metadata")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    int32_t generation_id = -1;
    std::optional<std::string> protocol_type;  // v7+
    std::optional<std::string> protocol_name = std::string{};  // nullable from v7; never null before
    std::string leader;
    bool skip_assignment = false;  // v9+
    std::string member_id;
    std::vector<member> members;  // filled for the leader only
    static constexpr auto schema() {
        using T = join_group_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 2), field(&T::error_code, "ErrorCode"),
                          field(&T::generation_id, "GenerationId"), field(&T::protocol_type, "ProtocolType", 7),
                          field(&T::protocol_name, "ProtocolName"), field(&T::leader, "Leader"),
                          field(&T::skip_assignment, "SkipAssignment", 9), field(&T::member_id, "MemberId"),
                          field(&T::members, "Members")};
    }
};

struct join_group_api {
    static constexpr api_key key = api_key::join_group;
    using request = join_group_request;
    using response = join_group_response;
};

SLUICE_DECLARE_CODEC(join_group_request);
SLUICE_DECLARE_CODEC(join_group_response);

}  // namespace sluice::protocol
