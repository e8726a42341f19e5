// CreateTopics (key 19): new topics with a partition count and replication factor, or explicit replica
// assignments, plus topic config overrides; validate_only (v1+) checks without creating.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct create_topics_request {
    struct assignment {
        int32_t partition_index = 0;
        std::vector<int32_t> broker_ids;
        static constexpr auto schema() {
            return std::tuple{field(&assignment::partition_index, "PartitionIndex"),
                              field(&assignment::broker_ids, "BrokerIds")};
        }
    };
    struct config {
        std::string name;
        std::optional<std::string> value;
        static constexpr auto schema() { return std::tuple{field(&config::name, "Name"), field(&config::value, "Value")}; }
    };
    struct topic {
        std::string name;
        int32_t num_partitions = -1;      // -1: explicit assignments, or the broker's num.partitions (v4+)
        int16_t replication_factor = -1;  // -1: explicit assignments, or default.replication.factor (v4+)
        std::vector<assignment> assignments;
        std::vector<config> configs;
        static constexpr auto schema() {
            using T = topic;
            return std::tuple{field(&T::name, "Name"), field(&T::num_partitions, "NumPartitions"),
                              field(&T::replication_factor, "ReplicationFactor"),
                              field(&T::assignments, "Assignments"), field(&T::configs, "Configs")};
        }
    };
    std::vector<topic> topics;
    int32_t timeout_ms = 60000;
    bool validate_only = false;
    static constexpr auto schema() {
        using T = create_topics_request;
        return std::tuple{field(&T::topics, "Topics"), field(&T::timeout_ms, "timeoutMs"),
                          field(&T::validate_only, "validateOnly", 1)};
    }
};

struct create_topics_response {
    struct topic {
        std::string name;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            using T = topic;
            return std::tuple{field(&T::name, "Name"), field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage", 1)};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = create_topics_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 2), field(&T::topics, "Topics")};
    }
};

struct create_topics_api {
    static constexpr api_key key = api_key::create_topics;
    using request = create_topics_request;
    using response = create_topics_response;
};

SLUICE_DECLARE_CODEC(create_topics_request);
SLUICE_DECLARE_CODEC(create_topics_response);

}  // namespace sluice::protocol
