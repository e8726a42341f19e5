// DeleteRecords (key 21): raises partitions' log start offsets (offset -1: up to the high watermark).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct delete_records_request {
    struct partition {
        int32_t partition_index = 0;
        int64_t offset = -1;
        static constexpr auto schema() {
            return std::tuple{field(&partition::partition_index, "PartitionIndex"), field(&partition::offset, "Offset")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() { return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")}; }
    };
    std::vector<topic> topics;
    int32_t timeout_ms = 60000;
    static constexpr auto schema() {
        using T = delete_records_request;
        return std::tuple{field(&T::topics, "Topics"), field(&T::timeout_ms, "TimeoutMs")};
    }
};

struct delete_records_response {
    struct partition {
        int32_t partition_index = 0;
        int64_t low_watermark = -1;
        int16_t error_code = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::low_watermark, "LowWatermark"),
                              field(&T::error_code, "ErrorCode")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() { return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")}; }
    };
    int32_t throttle_time_ms = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = delete_records_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::topics, "Topics")};
    }
};

struct delete_records_api {
    static constexpr api_key key = api_key::delete_records;
    using request = delete_records_request;
    using response = delete_records_response;
};

SLUICE_DECLARE_CODEC(delete_records_request);
SLUICE_DECLARE_CODEC(delete_records_response);

}  // namespace sluice::protocol
