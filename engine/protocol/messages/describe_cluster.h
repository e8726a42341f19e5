// DescribeCluster (key 60): cluster id, controller and brokers (flexible from v0).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct describe_cluster_request {
    bool include_cluster_authorized_operations = false;
    static constexpr auto schema() {
        using T = describe_cluster_request;
        return std::tuple{field(&T::include_cluster_authorized_operations, "IncludeClusterAuthorizedOperations")};
    }
};

struct describe_cluster_response {
    struct broker {
        int32_t broker_id = 0;
        std::string host;
        int32_t port = 0;
        std::optional<std::string> rack;
        static constexpr auto schema() {
            return std::tuple{field(&broker::broker_id, "BrokerId"), field(&broker::host, "Host"),
                              field(&broker::port, "Port"), field(&broker::rack, "Rack")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    std::string cluster_id;
    int32_t controller_id = -1;
    std::vector<broker> brokers;
    int32_t cluster_authorized_operations = INT32_MIN;
    static constexpr auto schema() {
        using T = describe_cluster_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage"), field(&T::cluster_id, "ClusterId"),
                          field(&T::controller_id, "ControllerId"), field(&T::brokers, "Brokers"),
                          field(&T::cluster_authorized_operations, "ClusterAuthorizedOperations")};
    }
};

struct describe_cluster_api {
    static constexpr api_key key = api_key::describe_cluster;
    using request = describe_cluster_request;
    using response = describe_cluster_response;
};

SLUICE_DECLARE_CODEC(describe_cluster_request);
SLUICE_DECLARE_CODEC(describe_cluster_response);

}  // namespace sluice::protocol
