// Record batch v2 (magic 2): splitting a records blob into batches, produce-time validation, decoding records,
// and building batches (for our client, the compactor and tests). Layout: Kafka's "Record Batch" spec.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/batch_header.h"

namespace sluice::protocol {

struct record_header {
    std::string key;
    std::optional<std::vector<uint8_t>> value;  // nullopt: null value (length -1)
    bool operator==(const record_header&) const = default;
};

struct record {
    int64_t offset = 0;
    int64_t timestamp = 0;
    std::optional<std::vector<uint8_t>> key, value;  // nullopt: null (a tombstone when value is null)
    std::vector<record_header> headers;
    bool operator==(const record&) const = default;
};

// One batch inside a larger buffer; `bytes` spans the whole batch (header.total_size() bytes).
struct batch_view {
    std::span<const uint8_t> bytes;
    batch_header header;
};

// Walks concatenated batches. Framing only: each batch must have magic 2 (else unsupported_for_message_format),
// a batchLength >= 49 and fit in `records` (else corrupt_message). With `allow_partial_tail` an incomplete last
// batch is dropped silently, as fetch responses may end mid-batch.
result<std::vector<batch_view>> split_batches(std::span<const uint8_t> records, bool allow_partial_tail);

// What the broker checks on Produce before appending the batch as it is: magic, length, CRC-32C, offset delta,
// record count and codec. Does not decompress.
result<void> validate_batch_for_append(const batch_view& batch);

// Decompresses if needed and parses every record; offsets and timestamps are absolute. Malformed input gives
// corrupt_message. With LogAppendTime every record's timestamp is the batch's maxTimestamp, as in Kafka.
result<std::vector<record>> decode_records(const batch_view& batch);

struct batch_build_options {
    int64_t base_offset = 0;
    compression_codec codec = compression_codec::none;
    std::optional<int64_t> base_timestamp;  // default: the first record's timestamp (-1 for no records)
    int64_t producer_id = -1;
    int16_t producer_epoch = -1;
    int32_t base_sequence = -1;
    int32_t partition_leader_epoch = -1;
    bool log_append_time = false;  // all records take base_timestamp, which also becomes maxTimestamp
    bool transactional = false;
    bool control = false;
};

// Encodes a v2 batch. Record offsets are stored as deltas from base_offset and must be increasing and within
// an int32 delta (else invalid_record); the CRC-32C is filled in. Fails only on such input or codec errors.
result<std::vector<uint8_t>> build_batch(const batch_build_options& options, std::span<const record> records);

// Recomputes the CRC-32C of a whole batch after fields in the covered range were patched.
void recompute_crc(std::span<uint8_t> batch);

// Rewrites a batch to LogAppendTime (attributes bit 3, maxTimestamp = `append_time`) and fixes its CRC, as a
// broker does for topics with message.timestamp.type=LogAppendTime.
void set_log_append_time(std::span<uint8_t> batch, int64_t append_time);

}  // namespace sluice::protocol
