// OffsetDelete (key 47): removes a group's committed offsets for partitions it is not subscribed to. v0 only.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct offset_delete_request {
    struct partition {
        int32_t partition_index = 0;
        static constexpr auto schema() { return std::tuple{field(&partition::partition_index, "PartitionIndex")}; }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    std::string group_id;
    std::vector<topic> topics;
    static constexpr auto schema() {
        return std::tuple{field(&offset_delete_request::group_id, "GroupId"),
                          field(&offset_delete_request::topics, "Topics")};
    }
};

struct offset_delete_response {
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        static constexpr auto schema() {
            return std::tuple{field(&partition::partition_index, "PartitionIndex"),
                              field(&partition::error_code, "ErrorCode")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    int16_t error_code = 0;
    int32_t throttle_time_ms = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = offset_delete_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::throttle_time_ms, "ThrottleTimeMs"),
                          field(&T::topics, "Topics")};
    }
};

struct offset_delete_api {
    static constexpr api_key key = api_key::offset_delete;
    using request = offset_delete_request;
    using response = offset_delete_response;
};

SLUICE_DECLARE_CODEC(offset_delete_request);
SLUICE_DECLARE_CODEC(offset_delete_response);

}  // namespace sluice::protocol
