// Kafka log compaction (cleanup.policy=compact) of one partition_log: rewrites the older segments keeping only
// the latest record of each key. partition_log::compact() and needs_compaction() are the entry points.
//
// What a pass does (Kafka's LogCleaner, simplified to one partition and no shared dedupe buffer):
//  - Cleanable segments: the non-active ones from the start of the log, up to the first that is younger than
//    min.compaction.lag.ms (largest timestamp, or mtime without timestamps) or reaches past `max_offset`.
//    The active segment is never rewritten, so appends continue there unchanged.
//  - An offset_map of key -> latest offset is built from every batch below `max_offset`, the active segment
//    included: a value is dropped as soon as a newer one for its key exists anywhere below that bound.
//  - Cleanable segments are grouped (adjacent, total size <= segment.bytes, offsets within an int32 of the
//    group's base) and each group is rewritten into one segment named by its first base offset: records
//    superseded by a later offset of their key go, null-key records go, tombstones go once delete.retention.ms
//    has passed since their segment was first cleaned. Control batches stay as they are; other batches keep
//    their offsets, flags and producer fields (see batch_filter.h). A group where nothing changes is left alone.
//  - The new segment is swapped in atomically (segment_swap.h); offsets never move, the log start offset
//    does not change, and a read at a removed offset returns the next batch after it.
//  - "First cleaned" is tracked like Kafka does: the cleaner checkpoint (first dirty offset, persisted in
//    `cleaner-offset-checkpoint`) tells which segments were cleaned before, and a segment's .log mtime is set
//    to the time of its first cleaning and carried over when it is rewritten (the newest time of a group wins,
//    so tombstones only ever live longer, never shorter).
// Records of transactions are kept unless a later committed value supersedes them; aborted records are not
// removed as such (Kafka removes them), and transaction markers are always kept.
// Memory: the map holds every distinct key of the log (exact keys, no hash collisions).
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/storage/file_handle.h"
#include "engine/storage/log_config.h"

namespace sluice::storage {

class partition_log;
class offset_map;
class segment;

inline constexpr std::string_view cleaner_checkpoint_name = "cleaner-offset-checkpoint";

struct cleaning_stats {
    int64_t segments_before = 0;  // cleanable segments considered
    int64_t segments_after = 0;   // what they became
    int64_t segments_rewritten = 0;
    int64_t bytes_before = 0;  // size of the cleanable segments before the pass
    int64_t bytes_after = 0;   // and after
    int64_t records_removed = 0;
    int64_t tombstones_removed = 0;
    int64_t batches_removed = 0;
    int64_t keys = 0;                 // distinct keys in the offset map
    int64_t first_dirty_offset = -1;  // the cleaner checkpoint after the pass
    bool discarded = false;           // a phased pass found the log changed since its plan: nothing was swapped
};

// How much of the cleanable part of the log was written since the last pass (Kafka's dirty ratio).
struct dirty_summary {
    int64_t clean_bytes = 0;  // cleanable segments below the cleaner checkpoint
    int64_t dirty_bytes = 0;  // cleanable segments at or above it
    double ratio() const {
        return clean_bytes + dirty_bytes == 0
                   ? 0.0
                   : static_cast<double>(dirty_bytes) / static_cast<double>(clean_bytes + dirty_bytes);
    }
};

// A pass in three phases, so that the heavy part can run off the partition owner's thread (the broker runs it on
// its cleaner thread; compact() runs the three in one call):
//  1. plan (owner's thread, cheap): picks the cleanable segments and the bound, and opens read-only descriptors of
//     every segment the pass reads (sealed segments never change; the active one is read only up to its size
//     at plan time). Nothing of the log is referenced afterwards: the job is a self-contained value.
//  2. build (any thread, one at a time per job): builds the offset map, filters the batches and writes and
//     fsyncs the <base>.*.cleaned files of each group. Touches no partition_log state.
//  3. commit (owner's thread): if the log is still the same instance and no segment was removed or truncated
//     since the plan (partition_log's generation), swaps the cleaned segments in exactly as a one-call pass
//     does; otherwise discards the .cleaned files and changes nothing.
// While a job is planned and not committed (or abandoned), the log refuses to plan another one (and compact()
// fails), so two passes never write the same .cleaned files.
struct cleaning_source {
    int64_t base = 0;
    int64_t end = 0;   // base offset of the next segment (unused for the last one read)
    int64_t size = 0;  // bytes to read: the whole sealed segment, the active one as it was at plan time
    int64_t last_modified_ms = 0;
    file_handle file;  // read-only, opened at plan time
};

struct cleaning_job {
    // What the plan fixed.
    std::filesystem::path dir;
    log_config config;
    int64_t now_ms = 0;
    int64_t max_offset = 0;  // min(requested bound, log end offset at plan time)
    uint64_t log_id = 0;
    uint64_t generation = 0;
    int64_t first_dirty_offset = 0;
    int64_t cleanable_end = 0;
    std::vector<cleaning_source> sources;  // from the first segment up to the bound, in offset order
    std::size_t cleanable = 0;             // the first `cleanable` sources are the cleanable segments
    std::vector<std::vector<std::size_t>> groups;  // indexes into sources
    // What the build produced.
    enum class outcome { untouched, kept, cleaned };
    struct group_result {
        outcome what = outcome::untouched;
        int64_t base = 0;
        int64_t end = 0;
        std::vector<int64_t> bases;
    };
    std::vector<group_result> results;
    cleaning_stats stats;
    int64_t tombstone_expiry = std::numeric_limits<int64_t>::max();
    bool built = false;

    bool empty() const { return cleanable == 0; }
};

// Stateless: everything a pass needs lives in the partition_log it is given (a friend of it) or in the job.
class log_cleaner {
public:
    static result<cleaning_stats> compact(partition_log& log, int64_t now_ms, int64_t max_offset);
    static dirty_summary measure(const partition_log& log, int64_t now_ms, int64_t max_offset);
    static bool needs_compaction(const partition_log& log, int64_t now_ms, int64_t max_offset);

    // Phase 1. An empty job (nothing cleanable, or the policy excludes compact) needs no build nor commit.
    static result<cleaning_job> plan(partition_log& log, int64_t now_ms, int64_t max_offset);
    // Phase 2. `cancel`, when set while it runs, makes it stop early with an error. On error, whatever it wrote
    // is removed again.
    static result<void> build(cleaning_job& job, const std::atomic<bool>* cancel = nullptr);
    // Phase 3. stats.discarded tells that the log changed under the job and nothing was swapped.
    static result<cleaning_stats> commit(partition_log& log, cleaning_job& job);
    // Removes the .cleaned files a built job left (a job that will not be committed: its log is gone).
    static void discard(cleaning_job& job);
    // Gives up a planned job without committing it: discards its files and lets the log plan again.
    static void abandon(partition_log& log, cleaning_job& job);

private:
    static std::vector<int64_t> cleanable_bases(const partition_log& log, int64_t now_ms, int64_t max_offset);
    static std::vector<std::vector<int64_t>> group(const partition_log& log, const std::vector<int64_t>& bases);
    static result<void> clean_group(cleaning_job& job, const std::vector<std::size_t>& group, const offset_map& map,
                                    const std::atomic<bool>* cancel);
};

}  // namespace sluice::storage
