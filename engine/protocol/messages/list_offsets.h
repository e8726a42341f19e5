// ListOffsets (key 2): earliest (-2), latest (-1) or first offset at/after a timestamp, per partition.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

inline constexpr int64_t latest_timestamp = -1;
inline constexpr int64_t earliest_timestamp = -2;

struct list_offsets_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t current_leader_epoch = -1;
        int64_t timestamp = latest_timestamp;
        int32_t max_num_offsets = 1;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"),
                              field(&T::current_leader_epoch, "CurrentLeaderEpoch", 4),
                              field(&T::timestamp, "Timestamp"), field(&T::max_num_offsets, "MaxNumOffsets", 0, 0)};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    int32_t replica_id = -1;
    int8_t isolation_level = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = list_offsets_request;
        return std::tuple{field(&T::replica_id, "ReplicaId"), field(&T::isolation_level, "IsolationLevel", 2),
                          field(&T::topics, "Topics")};
    }
};

struct list_offsets_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        std::vector<int64_t> old_style_offsets;  // v0 only
        int64_t timestamp = -1;
        int64_t offset = -1;
        int32_t leader_epoch = -1;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::error_code, "ErrorCode"),
                              field(&T::old_style_offsets, "OldStyleOffsets", 0, 0),
                              field(&T::timestamp, "Timestamp", 1), field(&T::offset, "Offset", 1),
                              field(&T::leader_epoch, "LeaderEpoch", 4)};
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
        using T = list_offsets_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 2), field(&T::topics, "Topics")};
    }
};

struct list_offsets_api {
    static constexpr api_key key = api_key::list_offsets;
    using request = list_offsets_request;
    using response = list_offsets_response;
};

SLUICE_DECLARE_CODEC(list_offsets_request);
SLUICE_DECLARE_CODEC(list_offsets_response);

}  // namespace sluice::protocol
