#include "engine/protocol/record_batch.h"

#include <algorithm>
#include <limits>
#include <string>

#include "engine/protocol/compression.h"
#include "engine/protocol/crc32c.h"
#include "engine/protocol/varint.h"

namespace sluice::protocol {
namespace {

// Bytes counted by batchLength that precede the records: partitionLeaderEpoch .. recordCount.
constexpr int32_t min_batch_length = static_cast<int32_t>(batch_header_size - batch_length_field_end);  // 49
constexpr int8_t current_magic = 2;
constexpr int16_t attr_codec_mask = 0x07;
constexpr int16_t attr_log_append_time = 0x08;
constexpr int16_t attr_transactional = 0x10;
constexpr int16_t attr_control = 0x20;
constexpr uint8_t max_known_codec = 4;
// Smallest encoded record: length, attributes, timestampDelta, offsetDelta, key length, value length and
// header count, one byte each. Lets a lying recordCount be refused before anything is reserved for it.
constexpr std::size_t min_record_size = 7;

error corrupt(std::string what) { return make_error(error_code::corrupt_message, std::move(what)); }

// Additions that may overflow on hostile input: wrap like Java's long arithmetic instead of being UB.
int64_t wrapping_add(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
int64_t wrapping_sub(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}

// Bounds-checked cursor over one record's bytes.
class record_reader {
public:
    explicit record_reader(std::span<const uint8_t> in) : in_(in) {}
    bool varint32(int32_t& v) { return read_varint32(in_, pos_, v); }
    bool varint64(int64_t& v) { return read_varint64(in_, pos_, v); }
    bool skip(std::size_t n) {
        if (n > in_.size() - pos_) return false;
        pos_ += n;
        return true;
    }
    // A length-prefixed byte string; length -1 is null, anything below -1 or past the end is corrupt.
    bool nullable_bytes(std::optional<std::vector<uint8_t>>& out) {
        int32_t len = 0;
        if (!varint32(len) || len < -1) return false;
        if (len == -1) {
            out.reset();
            return true;
        }
        const auto n = static_cast<std::size_t>(len);
        if (n > in_.size() - pos_) return false;
        out.emplace(in_.begin() + static_cast<std::ptrdiff_t>(pos_),
                    in_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
        pos_ += n;
        return true;
    }
    bool string(std::string& out) {
        int32_t len = 0;
        if (!varint32(len) || len < 0) return false;  // Kafka refuses null header keys
        const auto n = static_cast<std::size_t>(len);
        if (n > in_.size() - pos_) return false;
        out.assign(reinterpret_cast<const char*>(in_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    std::size_t remaining() const { return in_.size() - pos_; }
    std::size_t pos() const { return pos_; }

private:
    std::span<const uint8_t> in_;
    std::size_t pos_ = 0;
};

result<record> decode_one(record_reader& rd, const batch_header& h) {
    int32_t length = 0;
    if (!rd.varint32(length)) return corrupt("record length is not a valid varint");
    if (length < 0 || static_cast<std::size_t>(length) > rd.remaining())
        return corrupt("record length " + std::to_string(length) + " exceeds the batch");
    const std::size_t end = rd.pos() + static_cast<std::size_t>(length);
    record r;
    int64_t timestamp_delta = 0;
    int32_t offset_delta = 0;
    int32_t header_count = 0;
    if (!rd.skip(1) || !rd.varint64(timestamp_delta) || !rd.varint32(offset_delta) || !rd.nullable_bytes(r.key) ||
        !rd.nullable_bytes(r.value) || !rd.varint32(header_count) || header_count < 0)
        return corrupt("malformed record");
    // Each header needs at least two bytes, which bounds what a lying count can make us reserve.
    if (static_cast<std::size_t>(header_count) > (end - std::min(end, rd.pos())) / 2)
        return corrupt("record header count exceeds the record");
    r.headers.resize(static_cast<std::size_t>(header_count));
    for (auto& hdr : r.headers) {
        if (!rd.string(hdr.key) || !rd.nullable_bytes(hdr.value)) return corrupt("malformed record header");
    }
    // The fields must fill the declared length exactly, as Kafka checks.
    if (rd.pos() != end) return corrupt("record fields do not match the record length");
    r.offset = wrapping_add(h.base_offset, offset_delta);
    r.timestamp = h.log_append_time() ? h.max_timestamp : wrapping_add(h.base_timestamp, timestamp_delta);
    return r;
}

void put_be(std::vector<uint8_t>& out, uint64_t v, int bytes) {
    const std::size_t at = out.size();
    out.resize(at + static_cast<std::size_t>(bytes));
    detail::store_be(out.data() + at, v, bytes);
}

std::size_t nullable_size(const std::optional<std::vector<uint8_t>>& b) {
    return b ? varint32_size(static_cast<int32_t>(b->size())) + b->size() : varint32_size(-1);
}

void put_nullable(std::vector<uint8_t>& out, const std::optional<std::vector<uint8_t>>& b) {
    if (!b) {
        write_varint32(out, -1);
        return;
    }
    write_varint32(out, static_cast<int32_t>(b->size()));
    out.insert(out.end(), b->begin(), b->end());
}

constexpr std::size_t max_int32 = static_cast<std::size_t>(std::numeric_limits<int32_t>::max());

bool fits_int32(const std::optional<std::vector<uint8_t>>& b) { return !b || b->size() <= max_int32; }

}  // namespace

result<std::vector<batch_view>> split_batches(std::span<const uint8_t> records, bool allow_partial_tail) {
    std::vector<batch_view> out;
    std::size_t pos = 0;
    while (pos < records.size()) {
        const auto rest = records.subspan(pos);
        const auto partial = [&]() -> result<std::vector<batch_view>> {
            if (allow_partial_tail) return std::move(out);
            return corrupt("truncated record batch at byte " + std::to_string(pos));
        };
        if (rest.size() < batch_crc_offset) return partial();  // length and magic (byte 16) not readable yet
        if (rest[16] != current_magic)
            return make_error(
                error_code::unsupported_for_message_format,
                "record format magic " + std::to_string(static_cast<int8_t>(rest[16])) + " is not supported (only v2)");
        const auto batch_length = static_cast<int32_t>(detail::load_be(rest.data() + 8, 4));
        if (batch_length < min_batch_length)
            return corrupt("record batch length " + std::to_string(batch_length) + " is below the minimum");
        const std::size_t total = batch_length_field_end + static_cast<std::size_t>(batch_length);
        if (total > rest.size()) return partial();
        out.push_back(batch_view{rest.first(total), *parse_batch_header(rest)});
        pos += total;
    }
    return out;
}

result<void> validate_batch_for_append(const batch_view& batch) {
    const batch_header& h = batch.header;
    if (h.magic != current_magic)
        return make_error(error_code::unsupported_for_message_format,
                          "record format magic " + std::to_string(h.magic) + " is not supported (only v2)");
    if (h.batch_length < min_batch_length || h.total_size() != batch.bytes.size())
        return corrupt("record batch length " + std::to_string(h.batch_length) + " does not match its bytes");
    if (crc32c(batch.bytes.subspan(batch_crc_covered_from)) != h.crc) return corrupt("record batch CRC mismatch");
    if (h.last_offset_delta < 0) return corrupt("negative last offset delta");
    if (h.record_count < 0) return corrupt("negative record count");
    if ((h.attributes & attr_codec_mask) > max_known_codec)
        return make_error(error_code::unsupported_compression_type,
                          "unknown compression codec " + std::to_string(h.attributes & attr_codec_mask));
    return {};
}

result<std::vector<record>> decode_records(const batch_view& batch) {
    const batch_header& h = batch.header;
    if (h.magic != current_magic)
        return make_error(error_code::unsupported_for_message_format,
                          "record format magic " + std::to_string(h.magic) + " is not supported (only v2)");
    if (h.batch_length < min_batch_length || h.total_size() > batch.bytes.size())
        return corrupt("record batch length " + std::to_string(h.batch_length) + " exceeds its bytes");
    if ((h.attributes & attr_codec_mask) > max_known_codec)
        return make_error(error_code::unsupported_compression_type,
                          "unknown compression codec " + std::to_string(h.attributes & attr_codec_mask));
    if (h.record_count < 0) return corrupt("negative record count");

    std::span<const uint8_t> body = batch.bytes.subspan(batch_header_size, h.total_size() - batch_header_size);
    std::vector<uint8_t> inflated;
    if (h.codec() != compression_codec::none) {
        auto r = decompress(h.codec(), body);
        if (!r) return r.err();
        inflated = std::move(r).value();
        body = inflated;
    }
    const auto count = static_cast<std::size_t>(h.record_count);
    if (count > body.size() / min_record_size) return corrupt("record count exceeds the batch");

    std::vector<record> out;
    out.reserve(count);
    record_reader rd(body);
    for (std::size_t i = 0; i < count; ++i) {
        auto r = decode_one(rd, h);
        if (!r) return r.err();
        out.push_back(std::move(r).value());
    }
    if (rd.remaining() != 0) return corrupt("bytes remain after the declared record count");
    return out;
}

result<std::vector<uint8_t>> build_batch(const batch_build_options& options, std::span<const record> records) {
    if (records.size() > max_int32) return make_error(error_code::invalid_record, "too many records");
    const int64_t base_ts =
        options.base_timestamp ? *options.base_timestamp : (records.empty() ? -1 : records.front().timestamp);
    int64_t max_ts = records.empty() || options.log_append_time ? base_ts : records.front().timestamp;
    int64_t last_delta = -1;

    std::vector<uint8_t> body;
    for (const record& r : records) {
        const int64_t delta64 = wrapping_sub(r.offset, options.base_offset);
        if (delta64 <= last_delta || delta64 > std::numeric_limits<int32_t>::max())
            return make_error(error_code::invalid_record,
                              "record offset " + std::to_string(r.offset) + " is not increasing within the batch");
        if (!fits_int32(r.key) || !fits_int32(r.value))
            return make_error(error_code::invalid_record, "record key or value too large");
        const auto offset_delta = static_cast<int32_t>(delta64);
        const int64_t ts_delta = options.log_append_time ? 0 : wrapping_sub(r.timestamp, base_ts);
        if (!options.log_append_time) max_ts = std::max(max_ts, r.timestamp);

        std::size_t size = 1 + varint64_size(ts_delta) + varint32_size(offset_delta) + nullable_size(r.key) +
                           nullable_size(r.value) + varint32_size(static_cast<int32_t>(r.headers.size()));
        for (const auto& hdr : r.headers) {
            if (hdr.key.size() > max_int32 || !fits_int32(hdr.value))
                return make_error(error_code::invalid_record, "record header too large");
            size += varint32_size(static_cast<int32_t>(hdr.key.size())) + hdr.key.size() + nullable_size(hdr.value);
        }
        if (size > max_int32) return make_error(error_code::invalid_record, "record too large");

        write_varint32(body, static_cast<int32_t>(size));
        body.push_back(0);  // record attributes: unused
        write_varint64(body, ts_delta);
        write_varint32(body, offset_delta);
        put_nullable(body, r.key);
        put_nullable(body, r.value);
        write_varint32(body, static_cast<int32_t>(r.headers.size()));
        for (const auto& hdr : r.headers) {
            write_varint32(body, static_cast<int32_t>(hdr.key.size()));
            body.insert(body.end(), hdr.key.begin(), hdr.key.end());
            put_nullable(body, hdr.value);
        }
        last_delta = offset_delta;
    }
    if (options.codec != compression_codec::none) {
        auto packed = compress(options.codec, body);
        if (!packed) return packed.err();
        body = std::move(packed).value();
    }
    if (body.size() > max_int32 - static_cast<std::size_t>(min_batch_length))
        return make_error(error_code::message_too_large, "record batch too large");

    auto attributes = static_cast<int16_t>(static_cast<int16_t>(options.codec) & attr_codec_mask);
    if (options.log_append_time) attributes |= attr_log_append_time;
    if (options.transactional) attributes |= attr_transactional;
    if (options.control) attributes |= attr_control;

    std::vector<uint8_t> out;
    out.reserve(batch_header_size + body.size());
    put_be(out, static_cast<uint64_t>(options.base_offset), 8);
    put_be(out, static_cast<uint64_t>(min_batch_length + static_cast<int64_t>(body.size())), 4);
    put_be(out, static_cast<uint32_t>(options.partition_leader_epoch), 4);
    out.push_back(static_cast<uint8_t>(current_magic));
    put_be(out, 0, 4);  // CRC, filled in below
    put_be(out, static_cast<uint16_t>(attributes), 2);
    put_be(out, static_cast<uint32_t>(records.empty() ? 0 : last_delta), 4);
    put_be(out, static_cast<uint64_t>(base_ts), 8);
    put_be(out, static_cast<uint64_t>(max_ts), 8);
    put_be(out, static_cast<uint64_t>(options.producer_id), 8);
    put_be(out, static_cast<uint16_t>(options.producer_epoch), 2);
    put_be(out, static_cast<uint32_t>(options.base_sequence), 4);
    put_be(out, static_cast<uint32_t>(records.size()), 4);
    out.insert(out.end(), body.begin(), body.end());
    recompute_crc(out);
    return out;
}

void recompute_crc(std::span<uint8_t> batch) {
    if (batch.size() < batch_header_size) return;
    const auto batch_length = static_cast<int32_t>(detail::load_be(batch.data() + 8, 4));
    std::size_t end = batch.size();
    if (batch_length >= min_batch_length) end = std::min(end, batch_length_field_end + std::size_t(batch_length));
    const uint32_t crc = crc32c(batch.subspan(batch_crc_covered_from, end - batch_crc_covered_from));
    detail::store_be(batch.data() + batch_crc_offset, crc, 4);
}

void set_log_append_time(std::span<uint8_t> batch, int64_t append_time) {
    if (batch.size() < batch_header_size) return;
    const auto attributes = static_cast<uint16_t>(detail::load_be(batch.data() + 21, 2) | attr_log_append_time);
    detail::store_be(batch.data() + 21, attributes, 2);
    detail::store_be(batch.data() + 35, static_cast<uint64_t>(append_time), 8);
    recompute_crc(batch);
}

}  // namespace sluice::protocol
