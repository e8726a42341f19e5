// Vote (key 52): a Raft candidate asks the voters of the metadata quorum for their vote (KIP-595). Flexible
// from v0; Kafka 3.7 has v0 only.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct vote_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t candidate_epoch = 0;
        int32_t candidate_id = 0;
        int32_t last_offset_epoch = 0;
        int64_t last_offset = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::candidate_epoch, "CandidateEpoch"),
                              field(&T::candidate_id, "CandidateId"), field(&T::last_offset_epoch, "LastOffsetEpoch"),
                              field(&T::last_offset, "LastOffset")};
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
        using T = vote_request;
        return std::tuple{field(&T::cluster_id, "ClusterId"), field(&T::topics, "Topics")};
    }
};

struct vote_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        bool vote_granted = false;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::error_code, "ErrorCode"),
                              field(&T::leader_id, "LeaderId"), field(&T::leader_epoch, "LeaderEpoch"),
                              field(&T::vote_granted, "VoteGranted")};
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
        using T = vote_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::topics, "Topics")};
    }
};

struct vote_api {
    static constexpr api_key key = api_key::vote;
    using request = vote_request;
    using response = vote_response;
};

SLUICE_DECLARE_CODEC(vote_request);
SLUICE_DECLARE_CODEC(vote_response);

}  // namespace sluice::protocol
