// Bounds-checked readers and writers for Kafka's wire primitives (big-endian ints, varints, classic and
// compact strings/bytes/arrays). A reader never throws: the first short or malformed read marks it failed and
// every later read returns a default, so decoders check failed() once at the end.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sluice::protocol {

using bytes = std::vector<uint8_t>;
struct uuid {
    std::array<uint8_t, 16> value{};
    bool operator==(const uuid&) const = default;
};

class wire_reader {
public:
    explicit wire_reader(std::span<const uint8_t> data) : data_(data) {}

    int8_t read_int8();
    int16_t read_int16();
    int32_t read_int32();
    int64_t read_int64();
    uint32_t read_uint32();
    double read_float64();
    bool read_bool() { return read_int8() != 0; }
    uuid read_uuid();
    uint32_t read_uvarint();   // up to 5 bytes (Kafka's unsigned varint for int32 values)
    uint64_t read_uvarlong();  // up to 10 bytes
    int32_t read_varint();     // zig-zag
    int64_t read_varlong();    // zig-zag

    // Classic (int16/int32 length) or compact (unsigned varint length + 1) encodings, chosen by `compact`.
    std::string read_string(bool compact);
    std::optional<std::string> read_nullable_string(bool compact);
    bytes read_bytes(bool compact);
    std::optional<bytes> read_nullable_bytes(bool compact);
    // Element count of an array; -1 for null. Fails when the count could not fit in the bytes left.
    int32_t read_array_length(bool compact);

    std::span<const uint8_t> read_raw(std::size_t n);
    void skip(std::size_t n) { (void)read_raw(n); }

    bool failed() const { return failed_; }
    void fail() { failed_ = true; }
    std::size_t position() const { return pos_; }
    std::size_t remaining() const { return failed_ ? 0 : data_.size() - pos_; }

private:
    bool need(std::size_t n);
    int32_t read_length(bool compact, bool wide);  // wide: int32 length for bytes, int16 for strings

    std::span<const uint8_t> data_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

class wire_writer {
public:
    explicit wire_writer(bytes& out) : out_(out) {}

    void write_int8(int8_t v) { out_.push_back(static_cast<uint8_t>(v)); }
    void write_int16(int16_t v) { put_be(static_cast<uint16_t>(v), 2); }
    void write_int32(int32_t v) { put_be(static_cast<uint32_t>(v), 4); }
    void write_int64(int64_t v) { put_be(static_cast<uint64_t>(v), 8); }
    void write_uint32(uint32_t v) { put_be(v, 4); }
    void write_float64(double v);
    void write_bool(bool v) { write_int8(v ? 1 : 0); }
    void write_uuid(const uuid& v) { write_raw(v.value); }
    void write_uvarint(uint64_t v);
    void write_varint(int32_t v);
    void write_varlong(int64_t v);

    void write_string(std::string_view s, bool compact);
    void write_nullable_string(const std::optional<std::string>& s, bool compact);
    void write_bytes(std::span<const uint8_t> b, bool compact);
    void write_nullable_bytes(const std::optional<bytes>& b, bool compact);
    void write_array_length(int32_t n, bool compact);  // -1 writes null
    void write_raw(std::span<const uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }

    // Placeholder for a length/size known only later (e.g. the frame size): returns its position.
    std::size_t reserve_int32() {
        out_.resize(out_.size() + 4);
        return out_.size() - 4;
    }
    void patch_int32(std::size_t at, int32_t v);
    std::size_t size() const { return out_.size(); }
    bytes& buffer() { return out_; }

private:
    void put_be(uint64_t v, int n);
    bytes& out_;
};

}  // namespace sluice::protocol
