#include "engine/group/offsets_records.h"

#include <limits>

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(group::offset_commit_key);
SLUICE_DEFINE_CODEC(group::offset_commit_value);
SLUICE_DEFINE_CODEC(group::group_metadata_key);
SLUICE_DEFINE_CODEC(group::group_metadata_value);
}  // namespace sluice::protocol

namespace sluice::group {

namespace {
template <class T>
protocol::bytes encode_versioned(const T& value, int16_t version) {
    protocol::bytes out;
    protocol::wire_writer w(out);
    w.write_int16(version);
    protocol::encode_message(value, {version, false}, out);
    return out;
}

// Kafka 3.7+ made these data schemas flexible from version 4; read those too.
template <class T>
std::optional<T> decode_versioned(std::span<const uint8_t> data, int16_t max_version, int16_t first_flexible) {
    protocol::wire_reader r(data);
    int16_t version = r.read_int16();
    if (r.failed() || version < 0 || version > max_version) return std::nullopt;
    T value;
    if (!protocol::decode_message(value, r, {version, version >= first_flexible})) return std::nullopt;
    return value;
}
}  // namespace

protocol::bytes encode_key(const offset_commit_key& key) { return encode_versioned(key, offset_commit_key_version); }
protocol::bytes encode_value(const offset_commit_value& value) {
    return encode_versioned(value, offset_commit_value_version);
}
protocol::bytes encode_key(const group_metadata_key& key) { return encode_versioned(key, group_metadata_key_version); }
protocol::bytes encode_value(const group_metadata_value& value) {
    return encode_versioned(value, group_metadata_value_version);
}

std::optional<offsets_key> decode_key(std::span<const uint8_t> key) {
    protocol::wire_reader r(key);
    int16_t version = r.read_int16();
    if (r.failed()) return std::nullopt;
    if (version == 0 || version == 1) {
        offset_commit_key k;
        if (!protocol::decode_message(k, r, {version, false})) return std::nullopt;
        return k;
    }
    if (version == 2) {
        group_metadata_key k;
        if (!protocol::decode_message(k, r, {version, false})) return std::nullopt;
        return k;
    }
    return std::nullopt;  // e.g. KIP-848's new record kinds
}

std::optional<offset_commit_value> decode_offset_value(std::span<const uint8_t> value) {
    return decode_versioned<offset_commit_value>(value, 4, 4);
}

std::optional<group_metadata_value> decode_group_value(std::span<const uint8_t> value) {
    return decode_versioned<group_metadata_value>(value, 4, 4);
}

int32_t java_string_hash(std::string_view utf8) {
    uint32_t h = 0;
    auto add = [&h](uint32_t unit) { h = h * 31u + unit; };
    for (std::size_t i = 0; i < utf8.size();) {
        auto c = static_cast<uint8_t>(utf8[i]);
        uint32_t cp = c;
        std::size_t n = 1;
        if (c >= 0xF0) {
            n = 4;
            cp = c & 0x07u;
        } else if (c >= 0xE0) {
            n = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xC0) {
            n = 2;
            cp = c & 0x1Fu;
        }
        if (i + n > utf8.size()) {  // truncated sequence: Java would have decoded U+FFFD
            add(0xFFFD);
            break;
        }
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<uint8_t>(utf8[i + k]) & 0x3Fu);
        i += n;
        if (cp >= 0x10000) {  // a surrogate pair in UTF-16
            cp -= 0x10000;
            add(0xD800u + (cp >> 10));
            add(0xDC00u + (cp & 0x3FFu));
        } else {
            add(cp);
        }
    }
    return static_cast<int32_t>(h);
}

int32_t offsets_partition_for(std::string_view group_id, int32_t partitions) {
    int32_t h = java_string_hash(group_id);
    int32_t a = h == std::numeric_limits<int32_t>::min() ? 0 : (h < 0 ? -h : h);
    return partitions > 0 ? a % partitions : 0;
}

}  // namespace sluice::group
