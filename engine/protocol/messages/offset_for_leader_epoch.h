// OffsetForLeaderEpoch (key 23): the end offset of a leader epoch on the partition leader, so a follower or
// consumer can truncate a diverged log (KIP-101/279; v2 adds CurrentLeaderEpoch fencing, v3 ReplicaId).
// Flexible from v4.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct offset_for_leader_epoch_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t current_leader_epoch = -1;
        int32_t leader_epoch = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "Partition"),
                              field(&T::current_leader_epoch, "CurrentLeaderEpoch", 2),
                              field(&T::leader_epoch, "LeaderEpoch")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Topic"), field(&topic::partitions, "Partitions")};
        }
    };
    // -2: a "debug" consumer allowed past the high watermark (what brokers assume below v3); -1: a consumer.
    int32_t replica_id = -2;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = offset_for_leader_epoch_request;
        return std::tuple{field(&T::replica_id, "ReplicaId", 3), field(&T::topics, "Topics")};
    }
};

struct offset_for_leader_epoch_response {
    struct partition {
        int16_t error_code = 0;
        int32_t partition_index = 0;
        int32_t leader_epoch = -1;
        int64_t end_offset = -1;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::partition_index, "Partition"),
                              field(&T::leader_epoch, "LeaderEpoch", 1), field(&T::end_offset, "EndOffset")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Topic"), field(&topic::partitions, "Partitions")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = offset_for_leader_epoch_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 2), field(&T::topics, "Topics")};
    }
};

struct offset_for_leader_epoch_api {
    static constexpr api_key key = api_key::offset_for_leader_epoch;
    using request = offset_for_leader_epoch_request;
    using response = offset_for_leader_epoch_response;
};

SLUICE_DECLARE_CODEC(offset_for_leader_epoch_request);
SLUICE_DECLARE_CODEC(offset_for_leader_epoch_response);

}  // namespace sluice::protocol
