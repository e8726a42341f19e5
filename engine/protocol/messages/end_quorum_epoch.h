// EndQuorumEpoch (key 54): a resigning Raft leader asks the voters to start an election, naming its
// preferred successors (KIP-595). Like BeginQuorumEpoch, v0 (the only version in Kafka 3.7) is not flexible.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct end_quorum_epoch_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        std::vector<int32_t> preferred_successors;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::leader_id, "LeaderId"),
                              field(&T::leader_epoch, "LeaderEpoch"),
                              field(&T::preferred_successors, "PreferredSuccessors")};
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
        using T = end_quorum_epoch_request;
        return std::tuple{field(&T::cluster_id, "ClusterId"), field(&T::topics, "Topics")};
    }
};

struct end_quorum_epoch_response {
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
        using T = end_quorum_epoch_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::topics, "Topics")};
    }
};

struct end_quorum_epoch_api {
    static constexpr api_key key = api_key::end_quorum_epoch;
    using request = end_quorum_epoch_request;
    using response = end_quorum_epoch_response;
};

SLUICE_DECLARE_CODEC(end_quorum_epoch_request);
SLUICE_DECLARE_CODEC(end_quorum_epoch_response);

}  // namespace sluice::protocol
