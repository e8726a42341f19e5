// A partition log's topic-level settings, under Kafka's config names, with Kafka's defaults.
#pragma once
#include <cstdint>
#include <limits>

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
};

// Kafka's bounds for these settings; invalid_config with the offending name otherwise.
result<void> validate(const log_config& cfg);

}  // namespace sluice::storage
