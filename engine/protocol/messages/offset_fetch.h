// OffsetFetch (key 9): a group's committed offsets (-1 where none). v2+: null topics means all partitions and
// a top-level error code; v5 adds the leader epoch; v6 is flexible; v7 RequireStable; v8 several groups at once.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct offset_fetch_request {
    struct topic {
        std::string name;
        std::vector<int32_t> partition_indexes;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partition_indexes, "PartitionIndexes")};
        }
    };
    struct group {
        std::string group_id;
        std::optional<std::vector<topic>> topics;  // null: every committed partition
        static constexpr auto schema() {
            return std::tuple{field(&group::group_id, "GroupId"), field(&group::topics, "Topics")};
        }
    };
    std::string group_id;                      // v0-7
    std::optional<std::vector<topic>> topics;  // v0-7, nullable from v2
    std::vector<group> groups;                 // v8+
    bool require_stable = false;               // v7+
    static constexpr auto schema() {
        using T = offset_fetch_request;
        return std::tuple{field(&T::group_id, "GroupId", 0, 7), field(&T::topics, "Topics", 0, 7),
                          field(&T::groups, "Groups", 8), field(&T::require_stable, "RequireStable", 7)};
    }
};

struct offset_fetch_response {
    struct partition {
        int32_t partition_index = 0;
        int64_t committed_offset = -1;
        int32_t committed_leader_epoch = -1;  // v5+
        std::optional<std::string> metadata;
        int16_t error_code = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"),
                              field(&T::committed_offset, "CommittedOffset"),
                              field(&T::committed_leader_epoch, "CommittedLeaderEpoch", 5),
                              field(&T::metadata, "Metadata"), field(&T::error_code, "ErrorCode")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    struct group {
        std::string group_id;
        std::vector<topic> topics;
        int16_t error_code = 0;
        static constexpr auto schema() {
            return std::tuple{field(&group::group_id, "GroupId"), field(&group::topics, "Topics"),
                              field(&group::error_code, "ErrorCode")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<topic> topics;  // v0-7
    int16_t error_code = 0;     // v2-7
    std::vector<group> groups;  // v8+
    static constexpr auto schema() {
        using T = offset_fetch_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 3), field(&T::topics, "Topics", 0, 7),
                          field(&T::error_code, "ErrorCode", 2, 7), field(&T::groups, "Groups", 8)};
    }
};

struct offset_fetch_api {
    static constexpr api_key key = api_key::offset_fetch;
    using request = offset_fetch_request;
    using response = offset_fetch_response;
};

SLUICE_DECLARE_CODEC(offset_fetch_request);
SLUICE_DECLARE_CODEC(offset_fetch_response);

}  // namespace sluice::protocol
