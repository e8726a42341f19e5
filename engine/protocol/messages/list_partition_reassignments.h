// ListPartitionReassignments (key 46): the reassignments in progress, for the given partitions or for all
// when the topic list is null (KIP-455). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct list_partition_reassignments_request {
    struct topic {
        std::string name;
        std::vector<int32_t> partition_indexes;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partition_indexes, "PartitionIndexes")};
        }
    };
    int32_t timeout_ms = 60000;
    std::optional<std::vector<topic>> topics;  // null: every reassignment
    static constexpr auto schema() {
        using T = list_partition_reassignments_request;
        return std::tuple{field(&T::timeout_ms, "TimeoutMs"), field(&T::topics, "Topics")};
    }
};

struct list_partition_reassignments_response {
    struct partition {
        int32_t partition_index = 0;
        std::vector<int32_t> replicas;
        std::vector<int32_t> adding_replicas;
        std::vector<int32_t> removing_replicas;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::replicas, "Replicas"),
                              field(&T::adding_replicas, "AddingReplicas"),
                              field(&T::removing_replicas, "RemovingReplicas")};
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
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = list_partition_reassignments_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage"), field(&T::topics, "Topics")};
    }
};

struct list_partition_reassignments_api {
    static constexpr api_key key = api_key::list_partition_reassignments;
    using request = list_partition_reassignments_request;
    using response = list_partition_reassignments_response;
};

SLUICE_DECLARE_CODEC(list_partition_reassignments_request);
SLUICE_DECLARE_CODEC(list_partition_reassignments_response);

}  // namespace sluice::protocol
