// Test helper: builds valid v2 record batches by hand (61-byte header, plain records, CRC-32C) and walks
// the batches in a byte range, so storage tests don't depend on the protocol module's builder.
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "engine/protocol/batch_header.h"
#include "engine/protocol/crc32c.h"

namespace sluice::storage::test {

inline void put_varint(std::vector<uint8_t>& out, int64_t v) {
    uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    while (z >= 0x80) {
        out.push_back(static_cast<uint8_t>(z | 0x80));
        z >>= 7;
    }
    out.push_back(static_cast<uint8_t>(z));
}

// `records` records with `value_size`-byte values; record i has timestamp base_timestamp + i
// (base_timestamp < 0 makes every timestamp -1, as an old client without timestamps would).
inline std::vector<uint8_t> make_batch(int records, int64_t base_timestamp = 1000, std::size_t value_size = 10,
                                       int64_t base_offset = 0) {
    using protocol::detail::store_be;
    std::vector<uint8_t> body;
    for (int i = 0; i < records; ++i) {
        std::vector<uint8_t> rec;
        rec.push_back(0);                             // attributes
        put_varint(rec, base_timestamp < 0 ? 0 : i);  // timestamp delta
        put_varint(rec, i);                           // offset delta
        put_varint(rec, -1);                          // null key
        put_varint(rec, static_cast<int64_t>(value_size));
        for (std::size_t k = 0; k < value_size; ++k) rec.push_back(static_cast<uint8_t>('a' + (i + k) % 26));
        put_varint(rec, 0);  // no headers
        put_varint(body, static_cast<int64_t>(rec.size()));
        body.insert(body.end(), rec.begin(), rec.end());
    }
    std::vector<uint8_t> b(protocol::batch_header_size, 0);
    b.insert(b.end(), body.begin(), body.end());
    const int64_t ts = base_timestamp < 0 ? -1 : base_timestamp;
    const int64_t max_ts = base_timestamp < 0 ? -1 : base_timestamp + records - 1;
    store_be(b.data(), static_cast<uint64_t>(base_offset), 8);
    store_be(b.data() + 8, static_cast<uint32_t>(b.size() - 12), 4);
    store_be(b.data() + 12, static_cast<uint32_t>(-1), 4);  // partition leader epoch
    b[16] = 2;                                              // magic
    store_be(b.data() + 21, 0, 2);                          // attributes
    store_be(b.data() + 23, static_cast<uint32_t>(records - 1), 4);
    store_be(b.data() + 27, static_cast<uint64_t>(ts), 8);
    store_be(b.data() + 35, static_cast<uint64_t>(max_ts), 8);
    store_be(b.data() + 43, static_cast<uint64_t>(-1), 8);  // producer id
    store_be(b.data() + 51, static_cast<uint16_t>(-1), 2);  // producer epoch
    store_be(b.data() + 53, static_cast<uint32_t>(-1), 4);  // base sequence
    store_be(b.data() + 57, static_cast<uint32_t>(records), 4);
    const uint32_t crc = protocol::crc32c(std::span<const uint8_t>(b).subspan(protocol::batch_crc_covered_from));
    store_be(b.data() + 17, crc, 4);
    return b;
}

inline std::vector<protocol::batch_header> headers_of(std::span<const uint8_t> bytes) {
    std::vector<protocol::batch_header> out;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        auto h = protocol::parse_batch_header(bytes.subspan(pos));
        if (!h || h->total_size() > bytes.size() - pos) break;
        out.push_back(*h);
        pos += h->total_size();
    }
    return out;
}

inline bool crc_ok(std::span<const uint8_t> batch) {
    auto h = protocol::parse_batch_header(batch);
    return h && protocol::crc32c(batch.subspan(protocol::batch_crc_covered_from,
                                               h->total_size() - protocol::batch_crc_covered_from)) == h->crc;
}

inline std::vector<uint8_t> read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::filesystem::path& p, const std::vector<uint8_t>& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace sluice::storage::test
