// The replicated log as Raft sees it: one entry per offset, appended at the end, truncated on divergence,
// its prefix replaced by snapshots (KIP-630). Implemented in memory (tests) and on a partition_log (later).
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/raft/log_entry.h"
#include "engine/raft/types.h"

namespace sluice::raft {

class raft_log {
public:
    virtual ~raft_log() = default;

    // First offset still held as an entry; equals the latest snapshot's end offset once the prefix is trimmed.
    virtual log_offset start_offset() const = 0;
    // One past the last entry (exclusive), like Kafka's log end offset.
    virtual log_offset end_offset() const = 0;
    // Epoch of the last entry; the snapshot's epoch when no entry follows it; 0 for an empty log.
    virtual epoch_id last_epoch() const = 0;
    // Epoch of the entry at `offset` (or of the snapshot when offset == start - 1); nullopt outside.
    virtual std::optional<epoch_id> epoch_at(log_offset offset) const = 0;

    // Appends at end_offset(); entries' epochs must not decrease.
    virtual result<void> append(std::span<const log_entry> entries) = 0;
    // Removes every entry at or after `offset` (offset >= start_offset()).
    virtual result<void> truncate_to(log_offset offset) = 0;
    // Kafka's OffsetForLeaderEpoch: the largest epoch <= `epoch` that the log (or its snapshot) knows, with
    // the end offset of that epoch (the start of the next larger epoch, or end_offset()). nullopt when the
    // requested epoch is older than everything the log still knows.
    virtual std::optional<offset_and_epoch> end_offset_for_epoch(epoch_id epoch) const = 0;
    // Entries from `from`, at most max_entries and about max_bytes of payload (at least one entry).
    virtual std::vector<log_entry> read(log_offset from, std::size_t max_entries, std::size_t max_bytes) const = 0;

    virtual std::optional<offset_and_epoch> latest_snapshot() const = 0;
    // Stores a snapshot of the state up to `id.offset` (exclusive) and trims the entries below it. The id's
    // epoch must be the epoch of the entry at id.offset - 1.
    virtual result<void> create_snapshot(offset_and_epoch id, bytes state) = 0;
    virtual result<bytes> read_snapshot(offset_and_epoch id) const = 0;
    // Follower side: replaces the whole log by the snapshot; the log then starts (empty) at id.offset.
    virtual result<void> install_snapshot(offset_and_epoch id, bytes state) = 0;
};

}  // namespace sluice::raft
