// Produce (key 0): record batches to partition leaders; acks 0 (no response), 1 (leader), -1 (all ISR).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct produce_request {
    struct partition_data {
        int32_t index = 0;
        std::optional<bytes> records;
        static constexpr auto schema() {
            return std::tuple{field(&partition_data::index, "Index"), field(&partition_data::records, "Records")};
        }
    };
    struct topic_data {
        std::string name;
        std::vector<partition_data> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic_data::name, "Name"), field(&topic_data::partitions, "PartitionData")};
        }
    };
    std::optional<std::string> transactional_id;
    int16_t acks = -1;
    int32_t timeout_ms = 30000;
    std::vector<topic_data> topics;
    static constexpr auto schema() {
        using T = produce_request;
        return std::tuple{field(&T::transactional_id, "TransactionalId", 3), field(&T::acks, "Acks"),
                          field(&T::timeout_ms, "TimeoutMs"), field(&T::topics, "TopicData")};
    }
};

struct produce_response {
    struct record_error {
        int32_t batch_index = 0;
        std::optional<std::string> message;
        static constexpr auto schema() {
            return std::tuple{field(&record_error::batch_index, "BatchIndex"),
                              field(&record_error::message, "BatchIndexErrorMessage")};
        }
    };
    struct partition {
        int32_t index = 0;
        int16_t error_code = 0;
        int64_t base_offset = -1;
        int64_t log_append_time_ms = -1;
        int64_t log_start_offset = -1;
        std::vector<record_error> record_errors;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::index, "Index"), field(&T::error_code, "ErrorCode"),
                              field(&T::base_offset, "BaseOffset"), field(&T::log_append_time_ms, "LogAppendTimeMs", 2),
                              field(&T::log_start_offset, "LogStartOffset", 5),
                              field(&T::record_errors, "RecordErrors", 8), field(&T::error_message, "ErrorMessage", 8)};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "PartitionResponses")};
        }
    };
    std::vector<topic> responses;
    int32_t throttle_time_ms = 0;
    static constexpr auto schema() {
        using T = produce_response;
        return std::tuple{field(&T::responses, "Responses"), field(&T::throttle_time_ms, "ThrottleTimeMs", 1)};
    }
};

struct produce_api {
    static constexpr api_key key = api_key::produce;
    using request = produce_request;
    using response = produce_response;
};

SLUICE_DECLARE_CODEC(produce_request);
SLUICE_DECLARE_CODEC(produce_response);

}  // namespace sluice::protocol
