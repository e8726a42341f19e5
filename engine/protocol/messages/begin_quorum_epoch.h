// BeginQuorumEpoch (key 53): a newly elected Raft leader announces itself to the voters (KIP-595). Unlike the
// other KRaft APIs, v0 (the only version in Kafka 3.7) is not flexible.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct begin_quorum_epoch_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::leader_id, "LeaderId"),
                              field(&T::leader_epoch, "LeaderEpoch")};
        }
    };
    struct topic {
        std::string topic_name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::topic_name, "TopicName"), field(&topic::partitions, "Partitions")};
        }
    };
    std::optional<std::string> cluster_id;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = begin_quorum_epoch_request;
        return std::tuple{field(&T::cluster_id, "ClusterId"), field(&T::topics, "Topics")};
    }
};

struct begin_quorum_epoch_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::error_code, "ErrorCode"),
                              field(&T::leader_id, "LeaderId"), field(&T::leader_epoch, "LeaderEpoch")};
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
        using T = begin_quorum_epoch_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::topics, "Topics")};
    }
};

struct begin_quorum_epoch_api {
    static constexpr api_key key = api_key::begin_quorum_epoch;
    using request = begin_quorum_epoch_request;
    using response = begin_quorum_epoch_response;
};

SLUICE_DECLARE_CODEC(begin_quorum_epoch_request);
SLUICE_DECLARE_CODEC(begin_quorum_epoch_response);

}  // namespace sluice::protocol
