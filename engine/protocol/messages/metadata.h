// Metadata (key 3): brokers, controller, topics and their partitions' leaders, replicas and ISR.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct metadata_request {
    struct topic {
        uuid topic_id;
        std::optional<std::string> name;
        static constexpr auto schema() {
            return std::tuple{field(&topic::topic_id, "TopicId", 10), field(&topic::name, "Name")};
        }
    };
    // v0: an empty list means all topics; v1+: null means all topics, empty means none.
    std::optional<std::vector<topic>> topics;
    bool allow_auto_topic_creation = true;
    bool include_cluster_authorized_operations = false;
    bool include_topic_authorized_operations = false;
    static constexpr auto schema() {
        using T = metadata_request;
        return std::tuple{field(&T::topics, "Topics"),
                          field(&T::allow_auto_topic_creation, "AllowAutoTopicCreation", 4),
                          field(&T::include_cluster_authorized_operations, "IncludeClusterAuthorizedOperations", 8, 10),
                          field(&T::include_topic_authorized_operations, "IncludeTopicAuthorizedOperations", 8)};
    }
};

struct metadata_response {
    struct broker {
        int32_t node_id = 0;
        std::string host;
        int32_t port = 0;
        std::optional<std::string> rack;
        static constexpr auto schema() {
            return std::tuple{field(&broker::node_id, "NodeId"), field(&broker::host, "Host"),
                              field(&broker::port, "Port"), field(&broker::rack, "Rack", 1)};
        }
    };
    struct partition {
        int16_t error_code = 0;
        int32_t partition_index = 0;
        int32_t leader_id = -1;
        int32_t leader_epoch = -1;
        std::vector<int32_t> replica_nodes;
        std::vector<int32_t> isr_nodes;
        std::vector<int32_t> offline_replicas;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::partition_index, "PartitionIndex"),
                              field(&T::leader_id, "LeaderId"), field(&T::leader_epoch, "LeaderEpoch", 7),
                              field(&T::replica_nodes, "ReplicaNodes"), field(&T::isr_nodes, "IsrNodes"),
                              field(&T::offline_replicas, "OfflineReplicas", 5)};
        }
    };
    struct topic {
        int16_t error_code = 0;
        std::optional<std::string> name;  // nullable only from v12, when topics may be named by id
        uuid topic_id;
        bool is_internal = false;
        std::vector<partition> partitions;
        int32_t topic_authorized_operations = INT32_MIN;
        static constexpr auto schema() {
            using T = topic;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::name, "Name"),
                              field(&T::topic_id, "TopicId", 10), field(&T::is_internal, "IsInternal", 1),
                              field(&T::partitions, "Partitions"),
                              field(&T::topic_authorized_operations, "TopicAuthorizedOperations", 8)};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<broker> brokers;
    std::optional<std::string> cluster_id;
    int32_t controller_id = -1;
    std::vector<topic> topics;
    int32_t cluster_authorized_operations = INT32_MIN;
    static constexpr auto schema() {
        using T = metadata_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 3), field(&T::brokers, "Brokers"),
                          field(&T::cluster_id, "ClusterId", 2), field(&T::controller_id, "ControllerId", 1),
                          field(&T::topics, "Topics"),
                          field(&T::cluster_authorized_operations, "ClusterAuthorizedOperations", 8, 10)};
    }
};

struct metadata_api {
    static constexpr api_key key = api_key::metadata;
    using request = metadata_request;
    using response = metadata_response;
};

SLUICE_DECLARE_CODEC(metadata_request);
SLUICE_DECLARE_CODEC(metadata_response);

}  // namespace sluice::protocol
