#include "engine/metadata/replica_placement.h"

#include <algorithm>
#include <map>

namespace sluice::metadata {

result<std::vector<std::vector<int32_t>>> place_replicas(std::span<const placement_broker> brokers,
                                                         int32_t first_partition, int32_t count,
                                                         int32_t replication_factor) {
    if (replication_factor < 1 || replication_factor > static_cast<int32_t>(brokers.size()))
        return make_error(protocol::error_code::invalid_replication_factor,
                          "Replication factor: " + std::to_string(replication_factor) +
                              " larger than available brokers: " + std::to_string(brokers.size()) + ".");
    // Racks in name order (no rack first, as KRaft sorts an absent rack), brokers by id within each.
    std::map<std::optional<std::string>, std::vector<int32_t>> by_rack;
    for (const auto& b : brokers) by_rack[b.rack].push_back(b.id);
    std::vector<std::vector<int32_t>> racks;
    for (auto& [name, ids] : by_rack) {
        std::sort(ids.begin(), ids.end());
        racks.push_back(std::move(ids));
    }
    const auto rack_count = static_cast<int64_t>(racks.size());

    std::vector<std::vector<int32_t>> placement;
    for (int64_t p = first_partition; p < int64_t{first_partition} + count; ++p) {
        std::vector<int32_t> replicas;
        std::vector<std::size_t> used(racks.size(), 0);  // replicas this partition has in each rack
        // Partition p starts at rack p mod R and at broker p div R within each rack: over R * size partitions
        // every broker leads once. Without racks this is round-robin: replica j of p on broker (p + j) mod N.
        for (int64_t turn = 0; static_cast<int32_t>(replicas.size()) < replication_factor; ++turn) {
            auto k = static_cast<std::size_t>((p + turn) % rack_count);
            const auto& rack = racks[k];
            if (used[k] == rack.size()) continue;  // every broker of this rack holds a replica already
            replicas.push_back(rack[static_cast<std::size_t>((p / rack_count + static_cast<int64_t>(used[k])) %
                                                             static_cast<int64_t>(rack.size()))]);
            ++used[k];
        }
        placement.push_back(std::move(replicas));
    }
    return placement;
}

}  // namespace sluice::metadata
