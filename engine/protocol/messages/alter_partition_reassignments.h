// AlterPartitionReassignments (key 45): start moving partitions to new replica sets, or cancel a pending
// move with a null replica list (KIP-455). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct alter_partition_reassignments_request {
    struct partition {
        int32_t partition_index = 0;
        std::optional<std::vector<int32_t>> replicas;  // null: cancel the pending reassignment
        static constexpr auto schema() {
            return std::tuple{field(&partition::partition_index, "PartitionIndex"),
                              field(&partition::replicas, "Replicas")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    int32_t timeout_ms = 60000;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = alter_partition_reassignments_request;
        return std::tuple{field(&T::timeout_ms, "TimeoutMs"), field(&T::topics, "Topics")};
    }
};

struct alter_partition_reassignments_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            return std::tuple{field(&partition::partition_index, "PartitionIndex"),
                              field(&partition::error_code, "ErrorCode"),
                              field(&partition::error_message, "ErrorMessage")};
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
    std::vector<topic> responses;
    static constexpr auto schema() {
        using T = alter_partition_reassignments_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage"), field(&T::responses, "Responses")};
    }
};

struct alter_partition_reassignments_api {
    static constexpr api_key key = api_key::alter_partition_reassignments;
    using request = alter_partition_reassignments_request;
    using response = alter_partition_reassignments_response;
};

SLUICE_DECLARE_CODEC(alter_partition_reassignments_request);
SLUICE_DECLARE_CODEC(alter_partition_reassignments_response);

}  // namespace sluice::protocol
