// Strong value types of the Raft core: node ids, leader epochs and log offsets cannot be mixed up by accident.
#pragma once
#include <compare>
#include <cstdint>

#include "engine/common/strong_value.h"

namespace sluice::raft {

using sluice::strong_value;

struct node_id_tag {};
struct epoch_tag {};
struct log_offset_tag {};

// A voter's id (Kafka's node.id / replica id). Kafka uses -1 for "none"; here that is std::nullopt.
using node_id = strong_value<int32_t, node_id_tag>;
// A leader epoch (Raft's term). Named epoch_id because structs keep fields named `epoch`.
using epoch_id = strong_value<int32_t, epoch_tag>;
// An offset in the replicated log; end offsets are exclusive, like Kafka's.
using log_offset = strong_value<int64_t, log_offset_tag>;

constexpr epoch_id next(epoch_id e) { return epoch_id{e.value() + 1}; }
constexpr log_offset operator+(log_offset o, int64_t n) { return log_offset{o.value() + n}; }
constexpr log_offset operator-(log_offset o, int64_t n) { return log_offset{o.value() - n}; }
constexpr int64_t operator-(log_offset a, log_offset b) { return a.value() - b.value(); }

// An end offset together with the epoch of the entry before it: a snapshot id (KIP-630) or a diverging
// epoch's {epoch, end offset} (KIP-595). Ordered by offset first, then epoch, as Kafka's OffsetAndEpoch.
struct offset_and_epoch {
    log_offset offset;
    epoch_id epoch;
    friend constexpr auto operator<=>(const offset_and_epoch&, const offset_and_epoch&) = default;
    friend constexpr bool operator==(const offset_and_epoch&, const offset_and_epoch&) = default;
};

}  // namespace sluice::raft
