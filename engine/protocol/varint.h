// Kafka's variable-length integers: unsigned LEB128 varints and zigzag-encoded signed varint/varlong.
// Decoders are bounds-checked and reject over-long encodings, so hostile input can only yield `false`.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sluice::protocol {

namespace detail {
// Reads at most `max_bytes` 7-bit groups; the last group may only carry the bits left in `value_bits`.
inline bool read_leb128(std::span<const uint8_t> in, std::size_t& pos, uint64_t& out, int max_bytes, int value_bits) {
    uint64_t value = 0;
    for (int i = 0; i < max_bytes; ++i) {
        if (pos + i >= in.size()) return false;
        const uint8_t b = in[pos + i];
        const int shift = 7 * i;
        if (i == max_bytes - 1) {
            // Last allowed byte: no continuation, and no bits beyond the integer's width.
            if ((b & 0x80) != 0 || (b >> (value_bits - shift)) != 0) return false;
        }
        value |= static_cast<uint64_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
            pos += static_cast<std::size_t>(i) + 1;
            out = value;
            return true;
        }
    }
    return false;
}
}  // namespace detail

// Unsigned varint as Kafka uses for compact lengths and tag numbers: an int32 range value, at most 5 bytes.
inline bool read_uvarint(std::span<const uint8_t> in, std::size_t& pos, uint64_t& out) {
    return detail::read_leb128(in, pos, out, 5, 32);
}

// Zigzag varint (int32, at most 5 bytes), as in record lengths, deltas and key/value sizes.
inline bool read_varint32(std::span<const uint8_t> in, std::size_t& pos, int32_t& out) {
    uint64_t raw = 0;
    if (!detail::read_leb128(in, pos, raw, 5, 32)) return false;
    const auto u = static_cast<uint32_t>(raw);
    out = static_cast<int32_t>((u >> 1) ^ (~(u & 1) + 1));
    return true;
}

// Zigzag varlong (int64, at most 10 bytes), as in record timestamp deltas.
inline bool read_varint64(std::span<const uint8_t> in, std::size_t& pos, int64_t& out) {
    uint64_t u = 0;
    if (!detail::read_leb128(in, pos, u, 10, 64)) return false;
    out = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
    return true;
}

inline void write_uvarint(std::vector<uint8_t>& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<uint8_t>(v));
}

inline uint64_t zigzag32(int32_t v) { return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31); }
inline uint64_t zigzag64(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

inline void write_varint32(std::vector<uint8_t>& out, int32_t v) { write_uvarint(out, zigzag32(v)); }
inline void write_varint64(std::vector<uint8_t>& out, int64_t v) { write_uvarint(out, zigzag64(v)); }

// Encoded sizes, so a length prefix can be written before the bytes it counts.
inline std::size_t uvarint_size(uint64_t v) {
    std::size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}
inline std::size_t varint32_size(int32_t v) { return uvarint_size(zigzag32(v)); }
inline std::size_t varint64_size(int64_t v) { return uvarint_size(zigzag64(v)); }

}  // namespace sluice::protocol
