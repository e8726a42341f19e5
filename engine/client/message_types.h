// The plain data of reading and producing records for people (message_reader, produce_record): where to start, a
// record as read with its batch's codec and size, reading positions, pages. No I/O, so the GUI can hold them.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/protocol/record_batch.h"

namespace sluice::client {

// The wire's record, header and codec under the client's name, so code above the client (the GUI) needs no protocol
// header.
using record = protocol::record;
using record_header = protocol::record_header;
using compression_codec = protocol::compression_codec;

// Where reading starts in each partition.
enum class start_from {
    earliest,   // the log start offset
    latest,     // `value` records before the high watermark (0: only records produced from now on)
    offset,     // `value` itself, clamped to [log start, high watermark]
    timestamp,  // the first record whose timestamp is >= `value` (ms since the epoch); the end when none
};

struct start_position {
    start_from from = start_from::earliest;
    int64_t value = 0;
};

enum class timestamp_type { create_time, log_append_time };

// One record as read, with what its batch says about it.
struct message {
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestamp = 0;
    timestamp_type timestamp_kind = timestamp_type::create_time;
    std::optional<std::vector<uint8_t>> key, value;  // nullopt: null
    std::vector<record_header> headers;
    compression_codec codec = compression_codec::none;  // of its batch
    int32_t batch_bytes = 0;                            // its batch's size on the wire (compressed)
    int32_t batch_records = 0;                          // records in its batch
};

// A partition's reading position and what its leader last said about it.
struct partition_position {
    int32_t partition = 0;
    int64_t next_offset = 0;      // the next record to read
    int64_t high_watermark = -1;  // -1: not known yet
    int64_t log_start_offset = -1;
    int16_t error = 0;  // the last Kafka error for this partition (0: none)
};

struct fetch_limits {
    int32_t max_bytes = 8 << 20;            // the whole response (KIP-74: the first batch may exceed it)
    int32_t partition_max_bytes = 2 << 20;  // each partition
    int32_t max_wait_ms = 0;                // long poll when nothing is there (live tail)
};

struct message_page {
    std::vector<message> messages;              // per partition in offset order, partitions in the order asked
    std::vector<partition_position> positions;  // the positions advanced past what `messages` holds
};

struct produced_record {
    int32_t partition = 0;
    int64_t offset = 0;
};

}  // namespace sluice::client
