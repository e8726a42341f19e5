// admin_client: the Kafka admin protocol for the GUI's forms and for tests — create/delete topics, add
// partitions, describe and alter configs (topic and broker, with synonyms), delete records, describe the
// cluster, elect leaders, reassign partitions, leader epochs (admin_replicas.cpp). Works against any Kafka-compatible
// cluster. Blocking, for a worker thread; not thread-safe. Per-topic / per-resource failures come back in the results
// (Kafka's code + message); the outer result fails only when the request could not be made at all.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/client/not_controller.h"

namespace sluice::client {

// Kafka's config resource types.
enum class resource_type : int8_t { topic = 2, broker = 4 };

struct config_resource {
    resource_type type = resource_type::topic;
    std::string name;  // topic name, or broker id ("1")
};

struct new_topic_spec {
    std::string name;
    int32_t partitions = -1;                              // -1: the broker's default
    int16_t replication_factor = -1;                      // -1: the broker's default
    std::map<int32_t, std::vector<int32_t>> assignments;  // explicit replicas per partition (then -1 above)
    std::map<std::string, std::string> configs;
};

struct item_result {
    std::string name;     // topic or resource name
    int16_t error = 0;    // Kafka error code, 0 on success
    std::string message;  // Kafka's error message, if any
    bool ok() const { return error == 0; }
};

struct config_synonym_info {
    std::string name;
    std::optional<std::string> value;
    int8_t source = 0;
};

struct config_entry_info {
    std::string name;
    std::optional<std::string> value;  // nullopt: no value or sensitive
    bool read_only = false;
    bool is_default = false;
    bool sensitive = false;
    int8_t source = -1;  // Kafka's ConfigSource: 1 topic, 2 dynamic broker, 3 dynamic default, 4 static, 5 default
    std::vector<config_synonym_info> synonyms;
};

struct resource_configs {
    config_resource resource;
    int16_t error = 0;
    std::string message;
    std::vector<config_entry_info> entries;
    const config_entry_info* find(const std::string& name) const {
        for (const auto& e : entries)
            if (e.name == name) return &e;
        return nullptr;
    }
};

// Kafka's AlterConfigOp types.
enum class config_op : int8_t { set = 0, remove = 1, append = 2, subtract = 3 };

struct config_alteration {
    std::string name;
    config_op op = config_op::set;
    std::optional<std::string> value;
};

struct partition_low_watermark {
    int32_t partition = 0;
    int64_t low_watermark = -1;
    int16_t error = 0;
};

// One partition's size in one log directory of a broker (DescribeLogDirs).
struct log_dir_partition {
    std::string log_dir;
    std::string topic;
    int32_t partition = 0;
    int64_t size_bytes = 0;
    int64_t offset_lag = 0;
};

// The replicas of each new partition a CreatePartitions adds, beside the new total.
struct partition_increase {
    int32_t total = 0;
    std::vector<std::vector<int32_t>> assignments;  // one replica list per new partition; empty: the broker places them
};

// Kafka's ElectLeaders election types.
enum class election_type : int8_t { preferred = 0, unclean = 1 };

using topic_partitions = std::map<std::string, std::vector<int32_t>>;

// One partition's answer to ElectLeaders or AlterPartitionReassignments.
struct partition_result {
    std::string topic;
    int32_t partition = 0;
    int16_t error = 0;
    std::string message;
    bool ok() const { return error == 0; }
};

// A reassignment in progress (ListPartitionReassignments): replicas is the target plus those being removed.
struct reassignment_info {
    std::string topic;
    int32_t partition = 0;
    std::vector<int32_t> replicas;
    std::vector<int32_t> adding;
    std::vector<int32_t> removing;
};

// OffsetForLeaderEpoch: where `epoch` ends on the leader (epoch -1 and end_offset -1 when it does not know it).
struct epoch_end_offset {
    int32_t partition = 0;
    int16_t error = 0;
    int32_t leader_epoch = -1;
    int64_t end_offset = -1;
};

struct cluster_description {
    std::string cluster_id;
    int32_t controller_id = -1;
    std::vector<broker_info> brokers;
};

class admin_client {
public:
    explicit admin_client(std::string bootstrap, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                          client_security security = {});

    result<std::vector<item_result>> create_topics(const std::vector<new_topic_spec>& topics,
                                                   bool validate_only = false);
    result<std::vector<item_result>> delete_topics(const std::vector<std::string>& names);
    // Raises each topic's partition count to the given total.
    result<std::vector<item_result>> create_partitions(const std::map<std::string, int32_t>& totals,
                                                       bool validate_only = false);
    // The same with the replicas of each new partition (CreatePartitions' assignments).
    result<std::vector<item_result>> create_partitions_with_assignments(
        const std::map<std::string, partition_increase>& increases, bool validate_only = false);
    // Elects leaders of `partitions`, or of every partition when null (then only those that needed one answer).
    result<std::vector<partition_result>> elect_leaders(election_type type,
                                                        const std::optional<topic_partitions>& partitions);
    // Moves each (topic, partition) to the given replicas, or cancels its reassignment in progress (nullopt).
    result<std::vector<partition_result>> alter_partition_reassignments(
        const std::map<std::pair<std::string, int32_t>, std::optional<std::vector<int32_t>>>& targets);
    // The reassignments in progress, of `partitions` or of every partition when null.
    result<std::vector<reassignment_info>> list_partition_reassignments(
        const std::optional<topic_partitions>& partitions = std::nullopt);
    // The end offset of each partition's leader epoch (partition -> epoch) of `topic`, asked of its leader,
    // or of `node` when given; `current_leader_epoch` >= 0 fences a stale asker as Kafka does.
    result<std::vector<epoch_end_offset>> offset_for_leader_epoch(const std::string& topic,
                                                                  const std::map<int32_t, int32_t>& epochs,
                                                                  std::optional<int32_t> node = std::nullopt,
                                                                  int32_t current_leader_epoch = -1);
    // Every config of each resource (or only `keys`), with synonyms when asked.
    result<std::vector<resource_configs>> describe_configs(const std::vector<config_resource>& resources,
                                                           bool include_synonyms = true,
                                                           const std::vector<std::string>& keys = {});
    result<std::vector<item_result>> incremental_alter_configs(
        const std::vector<std::pair<config_resource, std::vector<config_alteration>>>& changes,
        bool validate_only = false);
    // Legacy AlterConfigs: replaces all overrides of each resource with the given set.
    result<std::vector<item_result>> alter_configs(
        const std::vector<std::pair<config_resource, std::map<std::string, std::string>>>& configs,
        bool validate_only = false);
    // Deletes records below `offset` (-1: the high watermark) in each partition of `topic`.
    result<std::vector<partition_low_watermark>> delete_records(const std::string& topic,
                                                                const std::map<int32_t, int64_t>& offsets);
    result<cluster_description> describe_cluster();
    // Sizes of the partitions hosted by broker `node_id` (of every topic, or only of `topics`).
    result<std::vector<log_dir_partition>> describe_log_dirs(int32_t node_id,
                                                             const std::vector<std::string>& topics = {});

private:
    // The controller for metadata changes; the bootstrap broker for reads. (One node: the same.)
    result<connection*> controller();
    result<int32_t> leader_of(const std::string& topic, int32_t partition);
    // Sends one request to the controller at the highest version both sides speak.
    // A node that answers NOT_CONTROLLER (the controller moved, or none was elected yet) makes it look for the
    // controller again and retry, within the client's timeout, as Kafka's AdminClient does.
    template <class Api>
    result<typename Api::response> ask_controller(const typename Api::request& request) {
        const auto deadline = std::chrono::steady_clock::now() + timeout_;
        for (;;) {
            auto conn = controller();
            if (!conn) return conn.err();
            auto v = conn.value()->pick_version(Api::key);
            if (!v) return v.err();
            auto response = conn.value()->send<Api>(request, v.value());
            if (!response || !refused_as_not_controller(response.value()) ||
                std::chrono::steady_clock::now() + retry_backoff > deadline)
                return response;
            std::this_thread::sleep_for(retry_backoff);
        }
    }
    static constexpr std::chrono::milliseconds retry_backoff{100};  // Kafka's retry.backoff.ms default

    cluster_client cluster_;
    std::chrono::milliseconds timeout_;
};

}  // namespace sluice::client
