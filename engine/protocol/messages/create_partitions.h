// CreatePartitions (key 37): raises a topic's partition count, optionally with the new partitions' replicas.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct create_partitions_request {
    struct assignment {
        std::vector<int32_t> broker_ids;
        static constexpr auto schema() { return std::tuple{field(&assignment::broker_ids, "BrokerIds")}; }
    };
    struct topic {
        std::string name;
        int32_t count = 0;  // the new total number of partitions
        std::optional<std::vector<assignment>> assignments;  // one per new partition, or null
        static constexpr auto schema() {
            using T = topic;
            return std::tuple{field(&T::name, "Name"), field(&T::count, "Count"),
                              field(&T::assignments, "Assignments")};
        }
    };
    std::vector<topic> topics;
    int32_t timeout_ms = 60000;
    bool validate_only = false;
    static constexpr auto schema() {
        using T = create_partitions_request;
        return std::tuple{field(&T::topics, "Topics"), field(&T::timeout_ms, "TimeoutMs"),
                          field(&T::validate_only, "ValidateOnly")};
    }
};

struct create_partitions_response {
    struct result {
        std::string name;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            using T = result;
            return std::tuple{field(&T::name, "Name"), field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<result> results;
    static constexpr auto schema() {
        using T = create_partitions_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::results, "Results")};
    }
};

struct create_partitions_api {
    static constexpr api_key key = api_key::create_partitions;
    using request = create_partitions_request;
    using response = create_partitions_response;
};

SLUICE_DECLARE_CODEC(create_partitions_request);
SLUICE_DECLARE_CODEC(create_partitions_response);

}  // namespace sluice::protocol
