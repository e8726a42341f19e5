// ElectLeaders (key 43): elect the preferred (or, unclean, any live) replica as leader of the given
// partitions, or of all partitions when the list is null (KIP-460; v1 adds ElectionType and a top-level
// error). Flexible from v2.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct elect_leaders_request {
    struct topic_partitions {
        std::string topic;
        std::vector<int32_t> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic_partitions::topic, "Topic"),
                              field(&topic_partitions::partitions, "Partitions")};
        }
    };
    int8_t election_type = 0;  // 0 preferred, 1 unclean
    std::optional<std::vector<topic_partitions>> topic_partitions_list;  // null: every partition
    int32_t timeout_ms = 60000;
    static constexpr auto schema() {
        using T = elect_leaders_request;
        return std::tuple{field(&T::election_type, "ElectionType", 1),
                          field(&T::topic_partitions_list, "TopicPartitions"), field(&T::timeout_ms, "TimeoutMs")};
    }
};

struct elect_leaders_response {
    struct partition_result {
        int32_t partition_id = 0;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            return std::tuple{field(&partition_result::partition_id, "PartitionId"),
                              field(&partition_result::error_code, "ErrorCode"),
                              field(&partition_result::error_message, "ErrorMessage")};
        }
    };
    struct replica_election_result {
        std::string topic;
        std::vector<partition_result> partition_results;
        static constexpr auto schema() {
            return std::tuple{field(&replica_election_result::topic, "Topic"),
                              field(&replica_election_result::partition_results, "PartitionResult")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::vector<replica_election_result> replica_election_results;
    static constexpr auto schema() {
        using T = elect_leaders_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode", 1),
                          field(&T::replica_election_results, "ReplicaElectionResults")};
    }
};

struct elect_leaders_api {
    static constexpr api_key key = api_key::elect_leaders;
    using request = elect_leaders_request;
    using response = elect_leaders_response;
};

SLUICE_DECLARE_CODEC(elect_leaders_request);
SLUICE_DECLARE_CODEC(elect_leaders_response);

}  // namespace sluice::protocol
