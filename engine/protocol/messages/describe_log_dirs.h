// DescribeLogDirs (key 35): each log directory of a broker with the size of every partition in it.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct describe_log_dirs_request {
    struct topic {
        std::string topic;
        std::vector<int32_t> partitions;
        static constexpr auto schema() { return std::tuple{field(&topic::topic, "Topic"), field(&topic::partitions, "Partitions")}; }
    };
    std::optional<std::vector<topic>> topics;  // null: every partition
    static constexpr auto schema() { return std::tuple{field(&describe_log_dirs_request::topics, "Topics")}; }
};

struct describe_log_dirs_response {
    struct partition {
        int32_t partition_index = 0;
        int64_t partition_size = 0;
        int64_t offset_lag = 0;
        bool is_future_key = false;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::partition_size, "PartitionSize"),
                              field(&T::offset_lag, "OffsetLag"), field(&T::is_future_key, "IsFutureKey")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() { return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")}; }
    };
    struct result {
        int16_t error_code = 0;
        std::string log_dir;
        std::vector<topic> topics;
        static constexpr auto schema() {
            return std::tuple{field(&result::error_code, "ErrorCode"), field(&result::log_dir, "LogDir"),
                              field(&result::topics, "Topics")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<result> results;
    static constexpr auto schema() {
        using T = describe_log_dirs_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::results, "Results")};
    }
};

struct describe_log_dirs_api {
    static constexpr api_key key = api_key::describe_log_dirs;
    using request = describe_log_dirs_request;
    using response = describe_log_dirs_response;
};

SLUICE_DECLARE_CODEC(describe_log_dirs_request);
SLUICE_DECLARE_CODEC(describe_log_dirs_response);

}  // namespace sluice::protocol
