// AlterPartition (key 56): a partition leader asks the controller to change the ISR (KIP-497; v1 adds the
// leader recovery state, KIP-704; v2 names topics by id, KIP-841; v3 sends each ISR member's broker epoch,
// KIP-903). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct alter_partition_request {
    struct broker_state {
        int32_t broker_id = 0;
        int64_t broker_epoch = -1;  // -1: epoch check not supported
        static constexpr auto schema() {
            return std::tuple{field(&broker_state::broker_id, "BrokerId", 3),
                              field(&broker_state::broker_epoch, "BrokerEpoch", 3)};
        }
    };
    struct partition {
        int32_t partition_index = 0;
        int32_t leader_epoch = 0;
        std::vector<int32_t> new_isr;                    // v0-2
        std::vector<broker_state> new_isr_with_epochs;  // v3+
        int8_t leader_recovery_state = 0;
        int32_t partition_epoch = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::leader_epoch, "LeaderEpoch"),
                              field(&T::new_isr, "NewIsr", 0, 2), field(&T::new_isr_with_epochs, "NewIsrWithEpochs", 3),
                              field(&T::leader_recovery_state, "LeaderRecoveryState", 1),
                              field(&T::partition_epoch, "PartitionEpoch")};
        }
    };
    struct topic {
        std::string topic_name;  // v0-1
        uuid topic_id;           // v2+
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::topic_name, "TopicName", 0, 1), field(&topic::topic_id, "TopicId", 2),
                              field(&topic::partitions, "Partitions")};
        }
    };
    int32_t broker_id = 0;
    int64_t broker_epoch = -1;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = alter_partition_request;
        return std::tuple{field(&T::broker_id, "BrokerId"), field(&T::broker_epoch, "BrokerEpoch"),
                          field(&T::topics, "Topics")};
    }
};

struct alter_partition_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        std::vector<int32_t> isr;
        int8_t leader_recovery_state = 0;
        int32_t partition_epoch = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::error_code, "ErrorCode"),
                              field(&T::leader_id, "LeaderId"), field(&T::leader_epoch, "LeaderEpoch"),
                              field(&T::isr, "Isr"), field(&T::leader_recovery_state, "LeaderRecoveryState", 1),
                              field(&T::partition_epoch, "PartitionEpoch")};
        }
    };
    struct topic {
        std::string topic_name;  // v0-1
        uuid topic_id;           // v2+
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::topic_name, "TopicName", 0, 1), field(&topic::topic_id, "TopicId", 2),
                              field(&topic::partitions, "Partitions")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = alter_partition_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::topics, "Topics")};
    }
};

struct alter_partition_api {
    static constexpr api_key key = api_key::alter_partition;
    using request = alter_partition_request;
    using response = alter_partition_response;
};

SLUICE_DECLARE_CODEC(alter_partition_request);
SLUICE_DECLARE_CODEC(alter_partition_response);

}  // namespace sluice::protocol
