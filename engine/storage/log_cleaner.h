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
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/common/result.h"

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

// Stateless: everything a pass needs lives in the partition_log it is given (a friend of it).
class log_cleaner {
public:
    static result<cleaning_stats> compact(partition_log& log, int64_t now_ms, int64_t max_offset);
    static dirty_summary measure(const partition_log& log, int64_t now_ms, int64_t max_offset);
    static bool needs_compaction(const partition_log& log, int64_t now_ms, int64_t max_offset);

private:
    static std::vector<int64_t> cleanable_bases(const partition_log& log, int64_t now_ms, int64_t max_offset);
    static std::vector<std::vector<int64_t>> group(const partition_log& log, const std::vector<int64_t>& bases);
    static result<void> clean_group(partition_log& log, const std::vector<int64_t>& bases, const offset_map& map,
                                    int64_t now_ms, cleaning_stats& stats, int64_t& tombstone_expiry);
};

}  // namespace sluice::storage
