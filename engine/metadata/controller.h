// The controller's state machine and checks: it validates admin changes (topic names, partitions, replica
// assignments, configs) against the metadata image and turns them into metadata_records; the records reach
// the image only through apply(), which every node calls for the committed records of the metadata quorum in
// log order, and which notifies listeners (the log manager, ...). Proposing and waiting for the commit is the
// broker's metadata_writer (on the quorum leader, one change at a time).
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
#include "engine/metadata/metadata_records.h"
#include "engine/metadata/partition_election.h"
#include "engine/protocol/messages/incremental_alter_configs.h"

namespace sluice::metadata {

struct new_topic {
    std::string name;
    int32_t num_partitions = -1;      // -1: the broker's num.partitions (or the assignments' count)
    int16_t replication_factor = -1;  // -1: default.replication.factor (or the assignments' size)
    std::map<int32_t, std::vector<int32_t>> assignments;  // partition -> replicas; empty: automatic
    std::vector<std::pair<std::string, std::optional<std::string>>> configs;
};

// One partition's answer to ElectLeaders.
struct election_outcome {
    std::string topic;
    int32_t partition = 0;
    protocol::error_code code = protocol::error_code::none;
    std::string message;
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

    using records = std::vector<metadata_record>;

    controller(int32_t node_id, const config_values& static_config);

    const metadata_image& image() const { return image_; }
    config_sources sources() const { return {image_, static_config_, node_id_}; }
    int32_t node_id() const { return node_id_; }
    void subscribe(listener l) { listeners_.push_back(std::move(l)); }

    // Applies committed records to the image, in log order, and notifies listeners.
    void apply(std::span<const metadata_record> committed);
    // Replaces the image by the one a snapshot's records build (at startup, or on a follower that fell behind
    // the leader's log start). Listeners see a remove_topic_record for each topic the snapshot no longer has,
    // then the snapshot's records.
    void load_snapshot(std::span<const metadata_record> snapshot);
    // Set while the node replays records its own log held at startup (partition logs on disk belong to them).
    void set_replaying(bool replaying) { replaying_ = replaying; }
    bool replaying() const { return replaying_; }

    // The mutations below validate against the image and return the records that make the change (none when
    // validate_only or when nothing changes); nothing is applied until those records are committed.

    // A broker's endpoints (again, when they changed since it last registered).
    result<records> register_broker(register_broker_record wanted) const;
    // Fences a broker that missed its heartbeats (its partitions move to another live ISR member, or have no
    // leader), or unfences one that is back (leaderless partitions it replicates get it as leader).
    result<records> fence_broker(int32_t broker_id) const;
    result<records> unfence_broker(int32_t broker_id) const;
    // The next `count` producer ids, from the first one no broker was given, for `broker_id` (Kafka's
    // AllocateProducerIds on the controller): one producer_ids_record that marks them taken.
    result<records> allocate_producer_ids(int32_t broker_id, int64_t count) const;
    // auto.leader.rebalance.enable: partitions whose preferred (first) replica is live and in the ISR but
    // does not lead get it back as leader.
    result<records> preferred_leaders() const;
    // Each topic's effective unclean.leader.election.enable, as leader election asks for it.
    unclean_policy unclean_elections() const;
    // Kafka's CreateTopics checks, then the topic, partition and config records (the topic record first).
    result<records> create_topic(const new_topic& topic, bool validate_only) const;
    result<records> delete_topic(const std::string& name) const;
    // Raises the partition count to `count`; `assignments` has the replicas of each new partition, or is null.
    result<records> create_partitions(const std::string& name, int32_t count,
                                      const std::optional<std::vector<std::vector<int32_t>>>& assignments,
                                      bool validate_only) const;
    // AlterPartitionReassignments for one partition (reassignment.h): to `target`, or cancel when null.
    result<records> reassign_partition(const std::string& topic, int32_t index,
                                       const std::optional<std::vector<int32_t>>& target) const;
    // ElectLeaders (partition_election.h) for `partitions`, or for every partition when null; each asked
    // partition's outcome is appended to `outcomes` (for all partitions, only those that needed an election).
    records elect_leaders(election_type type,
                          const std::optional<std::vector<std::pair<std::string, int32_t>>>& partitions,
                          std::vector<election_outcome>& outcomes) const;
    // IncrementalAlterConfigs (incremental) or AlterConfigs (replaces every override of the resource).
    // resource_type is Kafka's (2 topic, 4 broker); a broker resource is a registered broker's id or "" (the
    // cluster default).
    result<records> alter_configs(int8_t resource_type, const std::string& resource_name,
                                  std::span<const config_change> changes, bool incremental, bool validate_only) const;

private:
    // A manual assignment's replicas: non-empty, distinct, registered, and `replication_factor` many if given.
    result<std::vector<int32_t>> check_replicas(const std::vector<int32_t>& replicas,
                                                std::optional<std::size_t> replication_factor = std::nullopt) const;
    result<std::vector<std::vector<int32_t>>> place_replicas(int32_t first_partition, int32_t count,
                                                             int32_t replication_factor) const;

    int32_t node_id_;
    bool replaying_ = false;
    const config_values& static_config_;
    metadata_image image_;
    std::vector<listener> listeners_;
};


}  // namespace sluice::metadata
