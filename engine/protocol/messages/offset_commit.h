// OffsetCommit (key 8): a group's consumed positions per partition. v1 adds generation and member (and a
// commit timestamp, v1 only), v2-4 a retention time, v6 the leader epoch, v7 GroupInstanceId; v8 is flexible.
// Generation -1 with an empty member id commits for a group without members (admin tools, resets).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct offset_commit_request {
    struct partition {
        int32_t partition_index = 0;
        int64_t committed_offset = 0;
        int32_t committed_leader_epoch = -1;  // v6+
        int64_t commit_timestamp = -1;        // v1 only
        std::optional<std::string> committed_metadata;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"),
                              field(&T::committed_offset, "CommittedOffset"),
                              field(&T::committed_leader_epoch, "CommittedLeaderEpoch", 6),
                              field(&T::commit_timestamp, "CommitTimestamp", 1, 1),
                              field(&T::committed_metadata, "CommittedMetadata")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    std::string group_id;
    int32_t generation_id = -1;                    // v1+
    std::string member_id;                         // v1+
    std::optional<std::string> group_instance_id;  // v7+
    int64_t retention_time_ms = -1;                // v2-4
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = offset_commit_request;
        return std::tuple{field(&T::group_id, "GroupId"), field(&T::generation_id, "GenerationId", 1),
                          field(&T::member_id, "MemberId", 1), field(&T::group_instance_id, "GroupInstanceId", 7),
                          field(&T::retention_time_ms, "RetentionTimeMs", 2, 4), field(&T::topics, "Topics")};
    }
};

struct offset_commit_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        static constexpr auto schema() {
            return std::tuple{field(&partition::partition_index, "PartitionIndex"),
                              field(&partition::error_code, "ErrorCode")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = offset_commit_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 3), field(&T::topics, "Topics")};
    }
};

struct offset_commit_api {
    static constexpr api_key key = api_key::offset_commit;
    using request = offset_commit_request;
    using response = offset_commit_response;
};

SLUICE_DECLARE_CODEC(offset_commit_request);
SLUICE_DECLARE_CODEC(offset_commit_response);

}  // namespace sluice::protocol
