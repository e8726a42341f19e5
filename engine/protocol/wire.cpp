#include "engine/protocol/wire.h"

#include <bit>
#include <cstring>

namespace sluice::protocol {

bool wire_reader::need(std::size_t n) {
    if (failed_ || data_.size() - pos_ < n) {
        failed_ = true;
        return false;
    }
    return true;
}

static uint64_t load_be(const uint8_t* p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

int8_t wire_reader::read_int8() {
    if (!need(1)) return 0;
    return static_cast<int8_t>(data_[pos_++]);
}
int16_t wire_reader::read_int16() {
    if (!need(2)) return 0;
    auto v = static_cast<int16_t>(load_be(&data_[pos_], 2));
    pos_ += 2;
    return v;
}
int32_t wire_reader::read_int32() {
    if (!need(4)) return 0;
    auto v = static_cast<int32_t>(load_be(&data_[pos_], 4));
    pos_ += 4;
    return v;
}
uint32_t wire_reader::read_uint32() { return static_cast<uint32_t>(read_int32()); }
int64_t wire_reader::read_int64() {
    if (!need(8)) return 0;
    auto v = static_cast<int64_t>(load_be(&data_[pos_], 8));
    pos_ += 8;
    return v;
}
double wire_reader::read_float64() { return std::bit_cast<double>(read_int64()); }

uuid wire_reader::read_uuid() {
    uuid u;
    auto raw = read_raw(16);
    if (raw.size() == 16) std::memcpy(u.value.data(), raw.data(), 16);
    return u;
}

uint64_t wire_reader::read_uvarlong() {
    uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (!need(1)) return 0;
        uint8_t b = data_[pos_++];
        value |= static_cast<uint64_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return value;
    }
    failed_ = true;  // more than 10 bytes: not a varint
    return 0;
}

uint32_t wire_reader::read_uvarint() {
    uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (!need(1)) return 0;
        uint8_t b = data_[pos_++];
        value |= static_cast<uint32_t>(b & 0x7f) << shift;
        if ((b & 0x80) == 0) return value;
    }
    failed_ = true;  // more than 5 bytes: not an int32 varint
    return 0;
}

int32_t wire_reader::read_varint() {
    uint32_t raw = read_uvarint();
    return static_cast<int32_t>((raw >> 1) ^ (~(raw & 1) + 1));
}
int64_t wire_reader::read_varlong() {
    uint64_t raw = read_uvarlong();
    return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

int32_t wire_reader::read_length(bool compact, bool wide) {
    if (compact) {
        uint32_t n = read_uvarint();
        if (failed_) return -1;
        if (n > 0x7fffffffu) {  // a length no int32 holds (and "n - 1" would overflow): not a real length
            failed_ = true;
            return -1;
        }
        return static_cast<int32_t>(n) - 1;  // 0 encodes null
    }
    return wide ? read_int32() : read_int16();
}

std::span<const uint8_t> wire_reader::read_raw(std::size_t n) {
    if (!need(n)) return {};
    auto s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
}

std::optional<std::string> wire_reader::read_nullable_string(bool compact) {
    int32_t n = read_length(compact, false);
    if (failed_ || n < 0) {
        if (n < -1) failed_ = true;
        return std::nullopt;
    }
    auto raw = read_raw(static_cast<std::size_t>(n));
    return std::string(reinterpret_cast<const char*>(raw.data()), raw.size());
}

std::string wire_reader::read_string(bool compact) {
    auto s = read_nullable_string(compact);
    if (!s) {
        failed_ = true;  // a non-nullable string arrived as null
        return {};
    }
    return std::move(*s);
}

std::optional<bytes> wire_reader::read_nullable_bytes(bool compact) {
    int32_t n = read_length(compact, true);
    if (failed_ || n < 0) {
        if (n < -1) failed_ = true;
        return std::nullopt;
    }
    auto raw = read_raw(static_cast<std::size_t>(n));
    return bytes(raw.begin(), raw.end());
}

bytes wire_reader::read_bytes(bool compact) {
    auto b = read_nullable_bytes(compact);
    if (!b) {
        failed_ = true;
        return {};
    }
    return std::move(*b);
}

int32_t wire_reader::read_array_length(bool compact) {
    int32_t n = read_length(compact, true);
    if (failed_) return -1;
    if (n < -1 || (n > 0 && static_cast<std::size_t>(n) > remaining())) {
        failed_ = true;  // every element takes at least one byte, so this count is a lie
        return -1;
    }
    return n;
}

void wire_writer::put_be(uint64_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void wire_writer::write_float64(double v) { write_int64(std::bit_cast<int64_t>(v)); }

void wire_writer::write_uvarint(uint64_t v) {
    while (v >= 0x80) {
        out_.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    out_.push_back(static_cast<uint8_t>(v));
}
void wire_writer::write_varint(int32_t v) {
    write_uvarint((static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31));
}
void wire_writer::write_varlong(int64_t v) {
    write_uvarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

void wire_writer::write_string(std::string_view s, bool compact) {
    if (compact)
        write_uvarint(s.size() + 1);
    else
        write_int16(static_cast<int16_t>(s.size()));
    out_.insert(out_.end(), s.begin(), s.end());
}
void wire_writer::write_nullable_string(const std::optional<std::string>& s, bool compact) {
    if (s) return write_string(*s, compact);
    if (compact)
        write_uvarint(0);
    else
        write_int16(-1);
}
void wire_writer::write_bytes(std::span<const uint8_t> b, bool compact) {
    if (compact)
        write_uvarint(b.size() + 1);
    else
        write_int32(static_cast<int32_t>(b.size()));
    write_raw(b);
}
void wire_writer::write_nullable_bytes(const std::optional<bytes>& b, bool compact) {
    if (b) return write_bytes(*b, compact);
    if (compact)
        write_uvarint(0);
    else
        write_int32(-1);
}
void wire_writer::write_array_length(int32_t n, bool compact) {
    if (compact)
        write_uvarint(static_cast<uint32_t>(n + 1));
    else
        write_int32(n);
}
void wire_writer::patch_int32(std::size_t at, int32_t v) {
    auto u = static_cast<uint32_t>(v);
    for (int i = 0; i < 4; ++i) out_[at + i] = static_cast<uint8_t>(u >> (8 * (3 - i)));
}

}  // namespace sluice::protocol
