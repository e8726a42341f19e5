// admin_client: the Kafka admin protocol for the GUI's forms and for tests — create/delete topics, add
// partitions, describe and alter configs (topic and broker, with synonyms), delete records, describe the
// cluster. Works against any Kafka-compatible cluster. Blocking, for a worker thread; not thread-safe.
// Per-topic / per-resource failures come back in the results (Kafka's code + message); the outer result
// fails only when the request could not be made at all.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"

namespace sluice::client {

// Kafka's config resource types.
enum class resource_type : int8_t { topic = 2, broker = 4 };

struct config_resource {
    resource_type type = resource_type::topic;
    std::string name;  // topic name, or broker id ("1")
};

struct new_topic_spec {
    std::string name;
    int32_t partitions = -1;           // -1: the broker's default
    int16_t replication_factor = -1;   // -1: the broker's default
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

struct cluster_description {
    std::string cluster_id;
    int32_t controller_id = -1;
    std::vector<broker_info> brokers;
};

class admin_client {
public:
    explicit admin_client(std::string bootstrap, std::chrono::milliseconds timeout = std::chrono::seconds(10));

    result<std::vector<item_result>> create_topics(const std::vector<new_topic_spec>& topics, bool validate_only = false);
    result<std::vector<item_result>> delete_topics(const std::vector<std::string>& names);
    // Raises each topic's partition count to the given total.
    result<std::vector<item_result>> create_partitions(const std::map<std::string, int32_t>& totals,
                                                       bool validate_only = false);
    // Every config of each resource (or only `keys`), with synonyms when asked.
    result<std::vector<resource_configs>> describe_configs(const std::vector<config_resource>& resources,
                                                           bool include_synonyms = true,
                                                           const std::vector<std::string>& keys = {});
    result<std::vector<item_result>> incremental_alter_configs(
        const std::vector<std::pair<config_resource, std::vector<config_alteration>>>& changes, bool validate_only = false);
    // Legacy AlterConfigs: replaces all overrides of each resource with the given set.
    result<std::vector<item_result>> alter_configs(
        const std::vector<std::pair<config_resource, std::map<std::string, std::string>>>& configs, bool validate_only = false);
    // Deletes records below `offset` (-1: the high watermark) in each partition of `topic`.
    result<std::vector<partition_low_watermark>> delete_records(const std::string& topic,
                                                                const std::map<int32_t, int64_t>& offsets);
    result<cluster_description> describe_cluster();
    // Sizes of the partitions hosted by broker `node_id` (of every topic, or only of `topics`).
    result<std::vector<log_dir_partition>> describe_log_dirs(int32_t node_id, const std::vector<std::string>& topics = {});

private:
    // The controller for metadata changes; the bootstrap broker for reads. (One node: the same.)
    result<connection*> controller();
    result<int32_t> leader_of(const std::string& topic, int32_t partition);

    cluster_client cluster_;
    std::chrono::milliseconds timeout_;
};

}  // namespace sluice::client
