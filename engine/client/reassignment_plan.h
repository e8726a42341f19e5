// reassignment_plan: proposes and checks replica assignments for a topic (replication factor changes, moving
// replicas between brokers) and writes them as the JSON files of kafka-reassign-partitions.sh and
// kafka-leader-election.sh. Pure functions over plain data: no I/O, no Qt, so forms and tests share them.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_snapshot.h"

namespace sluice::client {

// One partition's replicas, in order: the first is the preferred leader.
struct partition_assignment {
    std::string topic;
    int32_t partition = 0;
    std::vector<int32_t> replicas;
    bool operator==(const partition_assignment&) const = default;
};

struct plan_request {
    std::string topic;
    std::vector<partition_assignment> current;  // the topic's partitions as they are now
    std::vector<broker_info> brokers;           // the brokers the plan may place replicas on (racks used when set)
    int replication_factor = 0;                 // replicas per partition wanted
};

// Why a plan or an edited assignment cannot be sent. The caller words it (the GUI translates).
struct plan_issue {
    enum class kind {
        no_brokers,              // no broker to place replicas on
        bad_replication_factor,  // below 1
        too_few_brokers,         // replication factor above the number of brokers (value = brokers)
        empty_replicas,          // a partition with no replica
        unknown_broker,          // broker = the id that is not in the cluster
        duplicate_broker,        // broker = the id listed twice
        unknown_partition,       // the partition is not in the topic
    };
    kind what = kind::no_brokers;
    int32_t partition = -1;  // -1: the whole plan
    int32_t broker = -1;
    int value = 0;
    bool operator==(const plan_issue&) const = default;
};

struct plan_result {
    std::vector<partition_assignment> proposed;  // one per partition of `current`, same order; empty when issues
    std::vector<plan_issue> issues;
    bool ok() const { return issues.empty(); }
};

// A balanced assignment with `replication_factor` replicas per partition on `brokers`, moving as little as it can:
// replicas already on allowed brokers stay (the preferred leader stays first), missing ones go to the brokers with
// the fewest replicas of this topic, on racks the partition does not use yet when racks are known; surplus ones are
// dropped from the most loaded brokers (and doubled racks) first. Deterministic for the same input.
plan_result propose_reassignment(const plan_request& request);

// Problems of an assignment the user edited: empty lists, brokers not in `brokers`, a broker twice in a list,
// partitions `current` does not have. Empty when it can be sent.
std::vector<plan_issue> validate_assignment(std::span<const partition_assignment> proposed,
                                            std::span<const partition_assignment> current,
                                            std::span<const broker_info> brokers);

// The partitions whose replicas differ between `current` and `proposed` (as proposed), in proposed's order.
std::vector<partition_assignment> changed_partitions(std::span<const partition_assignment> current,
                                                     std::span<const partition_assignment> proposed);

// kafka-reassign-partitions.sh's --reassignment-json-file format:
// {"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}
std::string reassignment_json(std::span<const partition_assignment> plan);

// One partition named for kafka-leader-election.sh.
struct topic_partition {
    std::string topic;
    int32_t partition = 0;
    bool operator==(const topic_partition&) const = default;
};

// kafka-leader-election.sh's --path-to-json-file format: {"partitions":[{"topic":"t","partition":0}]}
std::string election_json(std::span<const topic_partition> partitions);

// The current assignment of one topic of a snapshot (empty when it is not there).
std::vector<partition_assignment> assignment_of(const cluster_snapshot& snapshot, const std::string& topic);

}  // namespace sluice::client
