// The log of one topic partition: a directory of segments named by base offset, appended at the end,
// read by offset, trimmed at the start (retention, DeleteRecords) and at the end (replication truncation).
// Single-threaded: the partition's owner serialises every call; there is no internal locking.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/batch_header.h"
#include "engine/storage/checkpoint_file.h"
#include "engine/storage/log_cleaner.h"
#include "engine/storage/log_config.h"
#include "engine/storage/segment.h"

namespace sluice::storage {

struct append_result {
    int64_t base_offset = -1;
    int64_t last_offset = -1;
    int64_t max_timestamp = -1;
    int64_t log_append_time = -1;  // the batch's timestamp when it uses LogAppendTime, else -1
    // An idempotent producer's retry of a batch the log has (storage/producer_state.h): nothing was appended,
    // and the offsets are the original batch's.
    bool duplicate = false;
};

// Whole batches, exactly as stored.
struct fetch_slice {
    std::vector<uint8_t> bytes;
    int64_t first_offset = -1;  // base offset of the first batch, -1 when empty
};

class partition_log {
public:
    // Opens or creates `dir`. Recovery: a compaction swap interrupted after its commit point is completed
    // (segment_swap.h); the last segment is scanned batch by batch (header sanity, CRC-32C) and a torn or
    // corrupt tail is truncated; older segments keep index files that look consistent and rebuild the others;
    // leftover *.deleted / *.cleaned / *.swap files are removed.
    static result<std::unique_ptr<partition_log>> open(std::filesystem::path dir, log_config cfg, int64_t now_ms);

    // Appends one or more validated v2 batches (concatenated), assigning offsets from log_end_offset() by
    // patching each batch's baseOffset and partitionLeaderEpoch in place. Rolls first when due.
    result<append_result> append(std::span<uint8_t> batches, int32_t leader_epoch, int64_t now_ms);
    // Appends batches whose offsets are already assigned (replication, compaction); the first base offset
    // must be >= log_end_offset() and offsets must increase. Gaps are allowed.
    result<append_result> append_with_offsets(std::span<const uint8_t> batches, int64_t now_ms);

    // Whole batches from the one containing `offset`, up to `max_bytes` but at least one (KIP-74), none
    // starting at/after `max_offset`. Outside [log_start_offset, log_end_offset] → offset_out_of_range;
    // offset == log_end_offset → empty slice.
    result<fetch_slice> read(int64_t offset, int32_t max_bytes,
                             int64_t max_offset = std::numeric_limits<int64_t>::max()) const;
    // The first batch (at/after the log start) whose max timestamp >= `timestamp`; nullopt if none.
    std::optional<protocol::batch_header> find_batch_by_timestamp(int64_t timestamp) const;

    int64_t log_start_offset() const { return log_start_offset_; }
    int64_t log_end_offset() const { return log_end_offset_; }
    int64_t size_bytes() const;
    std::size_t segment_count() const { return segments_.size(); }
    // The base offset of the segment appends go to: it changes when a segment rolls.
    int64_t active_segment_base() const { return active().base_offset(); }
    std::vector<segment_info> segments() const;
    // Max timestamp of the batch holding the log start offset; -1 when the log is empty.
    int64_t oldest_timestamp() const;

    // Deletes whole non-active segments: those below the log start offset, and when cleanup.policy includes
    // delete, those whose largest timestamp is older than retention.ms and the oldest while the log exceeds
    // retention.bytes. Returns how many.
    std::size_t apply_retention(int64_t now_ms);
    // DeleteRecords: raises the log start offset (persisted) and deletes segments wholly below it.
    result<void> advance_log_start_offset(int64_t offset);
    // Log compaction (cleanup.policy=compact), one pass; see log_cleaner.h. Does nothing unless the policy
    // includes compact. `max_offset` bounds both what may be rewritten and which records may supersede others:
    // pass the last stable offset (or the high watermark), so that records replication may still truncate
    // and undecided transactions never cause an older value to be dropped. Blocks the partition's owner for
    // the duration of the pass (it reads the whole log and rewrites the cleanable segments). A storage error
    // in the middle of a swap leaves the in-memory segment list short of the group being swapped: the
    // partition should then be reopened, and open() completes the swap.
    result<cleaning_stats> compact(int64_t now_ms, int64_t max_offset = std::numeric_limits<int64_t>::max());
    // Whether compact() is worth running now: the policy includes compact and either the dirty ratio of the
    // cleanable segments reached min.cleanable.dirty.ratio, or a tombstone kept by the last pass has expired.
    bool needs_compaction(int64_t now_ms, int64_t max_offset = std::numeric_limits<int64_t>::max()) const;
    // Clean and dirty bytes of the cleanable segments (the dirty ratio's numerator and denominator).
    dirty_summary cleanable_bytes(int64_t now_ms, int64_t max_offset = std::numeric_limits<int64_t>::max()) const;
    // The same pass in phases (log_cleaner.h), so that the build can run on another thread: plan and commit
    // on the owner's thread, log_cleaner::build(job) anywhere in between. Appends, reads and other calls may
    // come between the phases; if segments are removed or truncated meanwhile, commit discards the job
    // (stats.discarded). A job must be committed or abandoned before the next one is planned.
    result<cleaning_job> plan_compaction(int64_t now_ms,
                                         int64_t max_offset = std::numeric_limits<int64_t>::max()) {
        return log_cleaner::plan(*this, now_ms, max_offset);
    }
    result<cleaning_stats> commit_compaction(cleaning_job& job) { return log_cleaner::commit(*this, job); }
    void abandon_compaction(cleaning_job& job) { log_cleaner::abandon(*this, job); }
    // Identifies this instance among every partition_log of the process (never reused), for phased jobs.
    uint64_t id() const { return id_; }
    // The cleaner checkpoint: segments whose base offset is below it were compacted before.
    int64_t first_dirty_offset() const { return first_dirty_offset_; }

    // Drops every batch whose last offset >= `offset`. A batch straddling `offset` goes whole, so the log
    // end offset becomes that batch's base offset (<= `offset`).
    result<void> truncate_to(int64_t offset);
    // Removes every segment and starts empty at `new_start_offset`.
    result<void> reset(int64_t new_start_offset);
    // fsyncs the active segment and its indexes, here and now (shutdown, Raft's durable appends).
    result<void> flush();
    // Where the fsyncs a roll or flush.messages/flush.ms asks for go: with a flusher they run on its thread and
    // append() never waits for the disk; without one (the default) they run inline. Not owned; must outlive
    // this log.
    void set_flusher(background_flusher* flusher) { flusher_ = flusher; }
    // flush.ms for idle partitions: flushes when unflushed data is older than flush.ms. The broker may call
    // this from a timer; append() checks it too.
    result<void> flush_if_due(int64_t now_ms);
    void update_config(log_config cfg) { config_ = cfg; }
    const log_config& config() const { return config_; }
    const std::filesystem::path& dir() const { return dir_; }
    // Removes the whole partition directory (topic deletion). The object must not be used afterwards.
    result<void> destroy();

    // Only open() can build one (the tag is private): a log is usable only after recovery.
    struct private_tag {
        explicit private_tag() = default;
    };
    partition_log(private_tag, std::filesystem::path dir, log_config cfg);

private:
    friend class log_cleaner;
    result<void> load(int64_t now_ms);
    // Checks the framing of concatenated batches into scratch_; `require_from` >= 0 also checks offsets.
    result<void> scan_batches(std::span<const uint8_t> batches, int64_t require_from);
    result<append_result> append_scanned(std::span<const uint8_t> batches, int64_t now_ms);
    bool should_roll(int64_t bytes, int64_t last_offset, int64_t max_timestamp, int64_t now_ms) const;
    result<void> roll(int64_t base_offset, int64_t now_ms);
    // flush.messages / flush.ms: through the flusher when there is one.
    result<void> flush_by_policy();
    result<void> remove_segment(std::map<int64_t, segment>::iterator it);
    // Persists the new start (in the background with a flusher), then adopts it.
    result<void> set_log_start_offset(int64_t offset);
    // The cleaner checkpoint's new value, persisted likewise.
    result<void> write_cleaner_checkpoint(int64_t offset);
    result<void> delete_segments_below_log_start();
    // Lowers the cleaner checkpoint (persisted) to `limit` when it lies above.
    result<void> clamp_first_dirty_offset(int64_t limit);
    segment& active() { return std::prev(segments_.end())->second; }
    const segment& active() const { return std::prev(segments_.end())->second; }

    std::filesystem::path dir_;
    log_config config_;
    std::map<int64_t, segment> segments_;  // by base offset; never empty while open, the last one is active
    int64_t log_start_offset_ = 0;
    int64_t log_end_offset_ = 0;
    background_flusher* flusher_ = nullptr;
    int64_t unflushed_messages_ = 0;
    int64_t last_flush_ms_ = 0;
    int64_t clock_ms_ = 0;            // the latest time a caller passed in, for calls that take none (reset)
    int64_t first_dirty_offset_ = 0;  // cleaner checkpoint, see log_cleaner.h
    // The log-start-offset and cleaner checkpoints: written through the flusher when there is one.
    std::shared_ptr<checkpoint_file> log_start_file_;
    std::shared_ptr<checkpoint_file> cleaner_file_;
    // When the earliest tombstone kept by the last compaction may go (not persisted: after a restart the
    // dirty ratio alone schedules the next pass).
    int64_t tombstone_expiry_ms_ = std::numeric_limits<int64_t>::max();
    uint64_t id_ = 0;
    // Bumped whenever a segment is removed or truncated: a phased compaction planned before is stale.
    uint64_t generation_ = 0;
    bool cleaning_in_flight_ = false;  // a phased compaction was planned and not yet committed or abandoned
    std::vector<batch_location> scratch_;  // reused by every append, so appends don't allocate
};

}  // namespace sluice::storage
