// A partition log's topic-level settings, under Kafka's config names, with Kafka's defaults.
#pragma once
#include <cstdint>
#include <limits>
#include <string_view>

#include "engine/common/result.h"

namespace sluice::storage {

struct log_config {
    int64_t segment_bytes = 1073741824;   // segment.bytes
    int64_t segment_ms = 604800000;       // segment.ms
    int32_t index_interval_bytes = 4096;  // index.interval.bytes
    int64_t retention_ms = 604800000;     // retention.ms (-1 = unlimited)
    int64_t retention_bytes = -1;         // retention.bytes (-1 = unlimited)
    int64_t flush_messages =
        std::numeric_limits<int64_t>::max();                 // flush.messages (default: never, rely on replication)
    int64_t flush_ms = std::numeric_limits<int64_t>::max();  // flush.ms
    // cleanup.policy, a list of "delete" and/or "compact": delete_ lets retention.ms/bytes delete old segments,
    // compact keeps only the latest record per key (see log_cleaner.h). Both may be set; neither is allowed.
    bool delete_ = true;
    bool compact = false;
    int64_t delete_retention_ms = 86400000;  // delete.retention.ms: how long tombstones outlive their first cleaning
    int64_t min_compaction_lag_ms = 0;       // min.compaction.lag.ms: younger segments are never compacted
    double min_cleanable_dirty_ratio = 0.5;  // min.cleanable.dirty.ratio: dirty bytes / cleanable bytes to compact
};

// Sets cfg.delete_ and cfg.compact from a cleanup.policy value ("delete", "compact", "compact,delete", "" ...);
// invalid_config for any other list element.
result<void> parse_cleanup_policy(std::string_view value, log_config& cfg);

// Kafka's bounds for these settings; invalid_config with the offending name otherwise.
result<void> validate(const log_config& cfg);

}  // namespace sluice::storage
