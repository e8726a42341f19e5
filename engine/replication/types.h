// Strong value types for replication bookkeeping: a replica id, a leader epoch, a partition epoch and a log
// offset are all small integers on the wire, and passing one where another is meant is a silent bug.
#pragma once
#include <compare>
#include <cstdint>
#include <functional>

#include "engine/common/strong_value.h"

namespace sluice::replication {

using sluice::strong_value;

// A broker (node) id as it appears in Replicas/Isr and in a follower Fetch's ReplicaId.
using replica_id = strong_value<int32_t, struct replica_id_tag>;
// The leader epoch: bumped by the controller on every leader change, stamped into each batch.
using leader_epoch = strong_value<int32_t, struct leader_epoch_tag>;
// The partition epoch: bumped on every committed change of the partition (ISR, leader, replicas).
using partition_epoch = strong_value<int32_t, struct partition_epoch_tag>;
// A log offset (the next offset to write, for an end offset). No arithmetic: bookkeeping only compares.
using offset = strong_value<int64_t, struct offset_tag>;

// Kafka's UNDEFINED_EPOCH (-1) and UNDEFINED_EPOCH_OFFSET (-1) from OffsetForLeaderEpoch.
inline constexpr leader_epoch undefined_epoch{-1};
inline constexpr offset undefined_offset{-1};

// The answer to OffsetForLeaderEpoch (and a Fetch response's DivergingEpoch): the largest epoch <= the
// requested one and where it ends, or {undefined_epoch, undefined_offset}.
struct epoch_end_offset {
    leader_epoch epoch = undefined_epoch;
    offset end_offset = undefined_offset;
    bool undefined() const { return end_offset == undefined_offset; }
    friend bool operator==(const epoch_end_offset&, const epoch_end_offset&) = default;
};

// One leader epoch and the first offset written in it.
struct epoch_entry {
    leader_epoch epoch;
    offset start_offset;
    friend bool operator==(const epoch_entry&, const epoch_entry&) = default;
};

}  // namespace sluice::replication
