// Producer state snapshots beside a partition's segments, named as Kafka names them (`<offset>.snapshot`, the
// offset in 20 digits): the producer_state of every batch below that offset. A replica rebuilds its producer
// state from the newest snapshot at or below its log end plus the batches after it, at startup and after a
// truncation, instead of replaying the whole log.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/common/result.h"
#include "engine/storage/producer_state.h"

namespace sluice::storage {

class partition_log;

std::filesystem::path producer_snapshot_path(const std::filesystem::path& dir, int64_t offset);
// The offsets of the snapshots in `dir`, ascending.
std::vector<int64_t> list_producer_snapshots(const std::filesystem::path& dir);

// Writes `<offset>.snapshot` (through a .tmp and a rename), also of an empty state: one per segment bounds
// what a restart or a truncation replays to about a segment, as in Kafka. Removes the snapshots that no
// rebuild can need any more: those below the newest one at or below `log_start_offset`. Not fsynced: a
// snapshot only saves replay time, and one a crash left torn fails its CRC on load and is skipped for an
// older one or a replay from the log start, which give the same state.
result<void> write_producer_snapshot(const std::filesystem::path& dir, int64_t offset, const producer_state& state,
                                     int64_t log_start_offset = 0);

// Removes every snapshot (the log starts afresh at another offset).
void remove_producer_snapshots(const std::filesystem::path& dir);

// The producer state of everything in `log`: the newest readable snapshot at or below the log end (those
// above it, left by a truncation or a torn tail, and unreadable ones are deleted), then every batch from its
// offset (at least the log start) to the log end. Producers whose last batch is below the log start stay
// known only through a snapshot, as in Kafka.
result<producer_state> rebuild_producer_state(const partition_log& log);

}  // namespace sluice::storage
