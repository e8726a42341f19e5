// The leader epochs of one partition log and the offset each began at, as Kafka's LeaderEpochFileCache:
// the leader answers OffsetForLeaderEpoch from it and a follower decides where to truncate with it.
// Single-threaded, like the partition_log it describes: the partition's owner serialises every call.
//
// When the file is written (Kafka's rule since KAFKA-15046): a new epoch (assign) is fsynced before assign
// returns, so the file never misses an epoch whose batches may be in the log: a replica restarted with a
// missing epoch would answer OffsetForLeaderEpoch with a later end and let a follower keep a diverging tail.
// Truncations change the cache at once and leave the file to the flusher (set_flusher): a restart may then
// read entries the log no longer has, which the owner drops on load (truncate_from_end to the log end,
// truncate_from_start to the log start, as Kafka's log loading does). Truncation itself relies only on the
// in-memory cache, which is always current. One checkpoint_file serialises both kinds of write, so a queued
// truncation never lands after a newer assign.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "engine/common/result.h"
#include "engine/replication/types.h"
#include "engine/storage/checkpoint_file.h"

namespace sluice::storage {
class background_flusher;
}

namespace sluice::replication {

class leader_epoch_cache {
public:
    // An in-memory cache that persists nothing (planning on a copy, tests).
    leader_epoch_cache() = default;
    // Loads `file` (Kafka's leader-epoch-checkpoint format); an absent file is an empty cache, a corrupt one
    // is an error: silently forgetting epochs would turn a precise truncation into a fall back to the HW.
    static result<leader_epoch_cache> open(std::filesystem::path file);

    // Records that `epoch` starts at `start_offset` (called for each appended batch's partitionLeaderEpoch,
    // and by a new leader for its own epoch). Kafka's rules: the same epoch at the same or a later offset is a
    // no-op; otherwise entries that would break monotonicity (epoch >= `epoch` or start >= `start_offset`)
    // are removed from the end first, so the list stays strictly increasing in both. Negative values are
    // rejected. Persists when something changed; on error the cache is unchanged.
    result<void> assign(leader_epoch epoch, offset start_offset);
    // After the log was truncated to `end_offset`: drops entries starting at or after it.
    result<void> truncate_from_end(offset end_offset);
    // After the log start moved to `start_offset`: drops entries starting at or before it and re-adds the
    // last of them starting at `start_offset` (the epoch that offset belongs to survives).
    result<void> truncate_from_start(offset start_offset);

    // OffsetForLeaderEpoch, exactly as Kafka answers it:
    //   requested undefined (-1), or above the latest epoch, or the cache is empty → {-1, -1};
    //   requested == latest → {requested, log_end_offset};
    //   requested below the first epoch → {requested, first entry's start} (the data before was deleted, so
    //     the asker replicates from the leader's earliest epoch);
    //   otherwise → {largest epoch <= requested, start offset of the next higher epoch}.
    epoch_end_offset end_offset_for(leader_epoch requested, offset log_end_offset) const;

    std::optional<leader_epoch> latest_epoch() const;
    std::optional<epoch_entry> latest_entry() const;
    std::optional<epoch_entry> earliest_entry() const;
    // The epoch that wrote `at`: the entry with the largest start <= `at`.
    std::optional<leader_epoch> epoch_for_offset(offset at) const;
    const std::vector<epoch_entry>& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }

    // The same entries without the file, to plan changes without touching disk.
    leader_epoch_cache in_memory_copy() const;
    const std::filesystem::path& file() const { return file_; }
    // Where truncations' checkpoint writes go (none: written at once).
    void set_flusher(storage::background_flusher* flusher) { flusher_ = flusher; }

private:
    leader_epoch_cache(std::filesystem::path file, std::vector<epoch_entry> entries)
        : file_(std::move(file)),
          checkpoint_(file_.empty() ? nullptr : std::make_shared<storage::checkpoint_file>(file_)),
          entries_(std::move(entries)) {}
    enum class durability { now, later };
    // Persists `next` (when backed by a file), now or through the flusher, then adopts it.
    result<void> replace(std::vector<epoch_entry> next, durability when);

    std::filesystem::path file_;       // empty: in memory only
    std::shared_ptr<storage::checkpoint_file> checkpoint_;
    storage::background_flusher* flusher_ = nullptr;
    std::vector<epoch_entry> entries_;  // strictly increasing in epoch and in start offset
};

}  // namespace sluice::replication
