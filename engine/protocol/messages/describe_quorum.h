// DescribeQuorum (key 55): the state of the metadata quorum, its leader and how far each voter and observer
// has replicated (KIP-595; v1 adds fetch and caught-up times per replica, KIP-836). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct describe_quorum_request {
    struct topic {
        struct partition {
            int32_t partition_index = 0;
            static constexpr auto schema() { return std::tuple{field(&partition::partition_index, "PartitionIndex")}; }
        };
        std::string topic_name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::topic_name, "TopicName"), field(&topic::partitions, "Partitions")};
        }
    };
    std::vector<topic> topics;
    static constexpr auto schema() { return std::tuple{field(&describe_quorum_request::topics, "Topics")}; }
};

struct describe_quorum_response {
    struct replica_state {
        int32_t replica_id = 0;
        int64_t log_end_offset = 0;
        int64_t last_fetch_timestamp = -1;
        int64_t last_caught_up_timestamp = -1;
        static constexpr auto schema() {
            using T = replica_state;
            return std::tuple{field(&T::replica_id, "ReplicaId"), field(&T::log_end_offset, "LogEndOffset"),
                              field(&T::last_fetch_timestamp, "LastFetchTimestamp", 1),
                              field(&T::last_caught_up_timestamp, "LastCaughtUpTimestamp", 1)};
        }
    };
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        int64_t high_watermark = 0;
        std::vector<replica_state> current_voters;
        std::vector<replica_state> observers;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::error_code, "ErrorCode"),
                              field(&T::leader_id, "LeaderId"), field(&T::leader_epoch, "LeaderEpoch"),
                              field(&T::high_watermark, "HighWatermark"), field(&T::current_voters, "CurrentVoters"),
                              field(&T::observers, "Observers")};
        }
    };
    struct topic {
        std::string topic_name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::topic_name, "TopicName"), field(&topic::partitions, "Partitions")};
        }
    };
    int16_t error_code = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = describe_quorum_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::topics, "Topics")};
    }
};

struct describe_quorum_api {
    static constexpr api_key key = api_key::describe_quorum;
    using request = describe_quorum_request;
    using response = describe_quorum_response;
};

SLUICE_DECLARE_CODEC(describe_quorum_request);
SLUICE_DECLARE_CODEC(describe_quorum_response);

}  // namespace sluice::protocol
