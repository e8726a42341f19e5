// Rewrites one record batch keeping only chosen records, as Kafka's cleaner does (MemoryRecords.filterTo):
// the new batch keeps the base and last offset, producer id/epoch/base sequence, partition leader epoch,
// attributes (codec, timestamp type, transactional, control) of the original; kept records keep their
// offsets, timestamps and headers. Compressed batches are decompressed and re-encoded with the same codec.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/record_batch.h"

namespace sluice::storage {

struct filtered_batch {
    enum class outcome { unchanged, rebuilt, dropped };
    outcome what = outcome::unchanged;
    std::vector<uint8_t> bytes;  // the new batch when rebuilt
    int32_t records_removed = 0;
};

// Asks `keep` about every record of a data batch; control batches stay unchanged without being asked. A batch
// that keeps every record stays byte for byte as it was. When none is kept the batch is dropped, or with
// `retain_if_empty` replaced by an empty batch (record count 0) carrying the same header fields.
result<filtered_batch> filter_batch(const protocol::batch_view& batch,
                                    const std::function<bool(const protocol::record&)>& keep, bool retain_if_empty);

}  // namespace sluice::storage
