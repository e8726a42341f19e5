// Partition reassignment on the controller (KIP-455), as pure functions over the metadata image: a
// reassignment sets target replicas; while it runs the partition's replicas are target + removing, the
// replicas it adds fetch until they are in the ISR, and then the controller completes it (replicas = target,
// the removed ones leave the ISR, the leader moves if it was removed). A null target cancels it.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"
#include "engine/metadata/metadata_records.h"
#include "engine/metadata/partition_election.h"

namespace sluice::metadata {

// The change that moves `topic`-`index` to `target` (replacing a reassignment in progress, which counts from
// the replicas the partition had before it), completed at once when every target replica is already in the
// ISR; or, with a null target, the change that cancels the reassignment in progress and restores the
// original replicas. `target` was checked (non-empty, distinct, registered brokers). nullopt: nothing to do.
// Errors: UNKNOWN_TOPIC_OR_PARTITION, NO_REASSIGNMENT_IN_PROGRESS (cancelling none).
result<std::optional<partition_change_record>> plan_reassignment(const topic_state& topic, int32_t index,
                                                                 const std::optional<std::vector<int32_t>>& target,
                                                                 const broker_set& live);

// `change` is about to be committed for `before` (an ISR change): if it puts every target replica of the
// reassignment in progress in the ISR, it also completes the reassignment.
void complete_reassignment_if_done(const partition_state& before, partition_change_record& change,
                                   const broker_set& live);

}  // namespace sluice::metadata
