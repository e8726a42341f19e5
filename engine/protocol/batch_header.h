// The fixed 61-byte header of a Kafka record batch (magic v2), read and patched in place.
// Layout (big-endian): baseOffset i64 @0, batchLength i32 @8, partitionLeaderEpoch i32 @12, magic i8 @16,
// crc u32 @17, attributes i16 @21, lastOffsetDelta i32 @23, baseTimestamp i64 @27, maxTimestamp i64 @35,
// producerId i64 @43, producerEpoch i16 @51, baseSequence i32 @53, recordCount i32 @57.
// The CRC-32C covers bytes from attributes (@21) to the end of the batch.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace sluice::protocol {

inline constexpr std::size_t batch_header_size = 61;
inline constexpr std::size_t batch_length_field_end = 12;  // baseOffset + batchLength precede the counted bytes
inline constexpr std::size_t batch_crc_offset = 17;
inline constexpr std::size_t batch_crc_covered_from = 21;

enum class compression_codec : int8_t { none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4 };

struct batch_header {
    int64_t base_offset = 0;
    int32_t batch_length = 0;
    int32_t partition_leader_epoch = -1;
    int8_t magic = 2;
    uint32_t crc = 0;
    int16_t attributes = 0;
    int32_t last_offset_delta = 0;
    int64_t base_timestamp = 0;
    int64_t max_timestamp = 0;
    int64_t producer_id = -1;
    int16_t producer_epoch = -1;
    int32_t base_sequence = -1;
    int32_t record_count = 0;

    // Whole batch size on the wire and on disk: the 12 bytes before batchLength's count, plus the count.
    std::size_t total_size() const { return batch_length_field_end + static_cast<std::size_t>(batch_length); }
    int64_t last_offset() const { return base_offset + last_offset_delta; }
    compression_codec codec() const { return static_cast<compression_codec>(attributes & 0x07); }
    bool log_append_time() const { return (attributes & 0x08) != 0; }
    bool is_transactional() const { return (attributes & 0x10) != 0; }
    bool is_control() const { return (attributes & 0x20) != 0; }
};

namespace detail {
inline uint64_t load_be(const uint8_t* p, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}
inline void store_be(uint8_t* p, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v & 0xff);
}
}  // namespace detail

// Reads the header at the start of `bytes`; nullopt when fewer than 61 bytes are there. Checks nothing else:
// callers validate magic, length and CRC (see record_batch.h).
inline std::optional<batch_header> parse_batch_header(std::span<const uint8_t> bytes) {
    if (bytes.size() < batch_header_size) return std::nullopt;
    const uint8_t* p = bytes.data();
    using detail::load_be;
    batch_header h;
    h.base_offset = static_cast<int64_t>(load_be(p + 0, 8));
    h.batch_length = static_cast<int32_t>(load_be(p + 8, 4));
    h.partition_leader_epoch = static_cast<int32_t>(load_be(p + 12, 4));
    h.magic = static_cast<int8_t>(p[16]);
    h.crc = static_cast<uint32_t>(load_be(p + 17, 4));
    h.attributes = static_cast<int16_t>(load_be(p + 21, 2));
    h.last_offset_delta = static_cast<int32_t>(load_be(p + 23, 4));
    h.base_timestamp = static_cast<int64_t>(load_be(p + 27, 8));
    h.max_timestamp = static_cast<int64_t>(load_be(p + 35, 8));
    h.producer_id = static_cast<int64_t>(load_be(p + 43, 8));
    h.producer_epoch = static_cast<int16_t>(load_be(p + 51, 2));
    h.base_sequence = static_cast<int32_t>(load_be(p + 53, 4));
    h.record_count = static_cast<int32_t>(load_be(p + 57, 4));
    return h;
}

// Patching these two fields needs no new CRC: both lie before the covered range.
inline void patch_base_offset(std::span<uint8_t> batch, int64_t base_offset) {
    detail::store_be(batch.data(), static_cast<uint64_t>(base_offset), 8);
}
inline void patch_partition_leader_epoch(std::span<uint8_t> batch, int32_t epoch) {
    detail::store_be(batch.data() + 12, static_cast<uint32_t>(epoch), 4);
}

}  // namespace sluice::protocol
