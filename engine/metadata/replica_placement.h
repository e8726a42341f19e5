// Where the replicas of new partitions go when CreateTopics/CreatePartitions name none: KRaft's striped,
// rack-aware placement. Racks take turns (a partition's replicas span as many racks as there are, up to its
// replication factor), the first rack of each partition moves on by one, and within a rack the brokers take
// turns too, so leaders spread evenly over racks and brokers. Brokers without broker.rack form one rack of
// their own, as in KRaft; a cluster without racks gets plain round-robin.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/result.h"

namespace sluice::metadata {

struct placement_broker {
    int32_t id = 0;
    std::optional<std::string> rack;
};

// Replica lists of partitions first_partition .. first_partition + count - 1, leader first. INVALID_REPLICATION_FACTOR
// when the factor exceeds the brokers.
result<std::vector<std::vector<int32_t>>> place_replicas(std::span<const placement_broker> brokers,
                                                         int32_t first_partition, int32_t count,
                                                         int32_t replication_factor);

}  // namespace sluice::metadata
