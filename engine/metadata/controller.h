// The controller: the one writer of the metadata log. It validates admin changes (topic names, partitions,
// replica assignments, configs), turns them into metadata_records, appends them to the metadata log, applies
// them to the image and notifies listeners (the log manager, ...). With one node this node controls
// everything; with a Raft quorum the same calls run on the quorum leader and propose() waits for the commit.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/clock.h"
#include "engine/metadata/config_values.h"
#include "engine/metadata/effective_config.h"
#include "engine/metadata/metadata_image.h"
#include "engine/metadata/metadata_log.h"
#include "engine/protocol/messages/incremental_alter_configs.h"

namespace sluice::metadata {

struct new_topic {
    std::string name;
    int32_t num_partitions = -1;      // -1: the broker's num.partitions (or the assignments' count)
    int16_t replication_factor = -1;  // -1: default.replication.factor (or the assignments' size)
    std::map<int32_t, std::vector<int32_t>> assignments;  // partition -> replicas; empty: automatic
    std::vector<std::pair<std::string, std::optional<std::string>>> configs;
};

struct config_change {
    std::string name;
    protocol::alter_config_op op = protocol::alter_config_op::set;
    std::optional<std::string> value;
};

class controller {
public:
    // Called after each applied proposal with the new image and the records that made it.
    using listener = std::function<void(const metadata_image&, std::span<const metadata_record>)>;

    controller(int32_t node_id, metadata_log& log, const config_values& static_config);

    // Replays the metadata log into the image (before listeners subscribe).
    result<void> load();
    const metadata_image& image() const { return image_; }
    config_sources sources() const { return {image_, static_config_, node_id_}; }
    int32_t node_id() const { return node_id_; }
    void subscribe(listener l) { listeners_.push_back(std::move(l)); }

    // Appends `records` as one batch, applies them and notifies listeners.
    result<void> propose(std::vector<metadata_record> records);

    // Records this broker's endpoint (again, when it changed since the last run).
    result<void> register_broker(const std::string& host, int32_t port, std::optional<std::string> rack);

    // Kafka's CreateTopics checks, then (unless validate_only) the topic, partition and config records.
    // Returns the topic id (a fresh one when validate_only).
    result<uuid> create_topic(const new_topic& topic, bool validate_only);
    result<void> delete_topic(const std::string& name);
    // Raises the partition count to `count`; `assignments` has the replicas of each new partition, or is null.
    result<void> create_partitions(const std::string& name, int32_t count,
                                   const std::optional<std::vector<std::vector<int32_t>>>& assignments,
                                   bool validate_only);
    // IncrementalAlterConfigs (incremental) or AlterConfigs (replaces every override of the resource).
    // resource_type is Kafka's (2 topic, 4 broker); a broker resource is this node's id or "" (cluster default).
    result<void> alter_configs(int8_t resource_type, const std::string& resource_name,
                               std::span<const config_change> changes, bool incremental, bool validate_only);

private:
    result<std::vector<int32_t>> check_replicas(const std::vector<int32_t>& replicas) const;
    result<std::vector<std::vector<int32_t>>> place_replicas(int32_t first_partition, int32_t count,
                                                             int32_t replication_factor) const;

    int32_t node_id_;
    metadata_log& log_;
    const config_values& static_config_;
    metadata_image image_;
    std::vector<listener> listeners_;
};


}  // namespace sluice::metadata
