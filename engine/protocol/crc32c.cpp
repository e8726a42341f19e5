#include "engine/protocol/crc32c.h"

#include <zlib.h>

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
#define SLUICE_CRC32C_HAVE_SSE42 1
#endif

namespace sluice::protocol {
namespace {

constexpr uint32_t castagnoli_reflected = 0x82F63B78u;

// tables[k][b]: CRC of byte b followed by k zero bytes, so eight bytes can be folded in one step.
using slice_tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr slice_tables make_tables() {
    slice_tables t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ castagnoli_reflected : c >> 1;
        t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i) {
        for (std::size_t k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
    }
    return t;
}

constexpr slice_tables tables = make_tables();

uint32_t crc32c_table(const uint8_t* p, std::size_t n, uint32_t crc) {
    while (n >= 8) {
        uint32_t lo = 0;
        uint32_t hi = 0;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        if constexpr (std::endian::native == std::endian::big) {
            lo = __builtin_bswap32(lo);
            hi = __builtin_bswap32(hi);
        }
        lo ^= crc;
        crc = tables[7][lo & 0xff] ^ tables[6][(lo >> 8) & 0xff] ^ tables[5][(lo >> 16) & 0xff] ^ tables[4][lo >> 24] ^
              tables[3][hi & 0xff] ^ tables[2][(hi >> 8) & 0xff] ^ tables[1][(hi >> 16) & 0xff] ^ tables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n-- > 0) crc = (crc >> 8) ^ tables[0][(crc ^ *p++) & 0xff];
    return crc;
}

#ifdef SLUICE_CRC32C_HAVE_SSE42
// Compiled for SSE4.2 on its own, so the rest of the build keeps the baseline x86-64 target.
__attribute__((target("sse4.2"))) uint32_t crc32c_sse42(const uint8_t* p, std::size_t n, uint32_t crc) {
    uint64_t c = crc;
    while (n >= 8) {
        uint64_t v = 0;
        std::memcpy(&v, p, 8);
        c = _mm_crc32_u64(c, v);
        p += 8;
        n -= 8;
    }
    auto c32 = static_cast<uint32_t>(c);
    while (n-- > 0) c32 = _mm_crc32_u8(c32, *p++);
    return c32;
}

bool cpu_has_sse42() {
    static const bool has = __builtin_cpu_supports("sse4.2");
    return has;
}
#endif

}  // namespace

uint32_t crc32c(std::span<const uint8_t> data, uint32_t seed) {
    // Pre- and post-inversion are part of the standard CRC-32C definition; the seed is a finished CRC.
    const uint32_t crc = ~seed;
#ifdef SLUICE_CRC32C_HAVE_SSE42
    if (cpu_has_sse42()) return ~crc32c_sse42(data.data(), data.size(), crc);
#endif
    return ~crc32c_table(data.data(), data.size(), crc);
}

uint32_t crc32_ieee(std::span<const uint8_t> data, uint32_t seed) {
    // zlib takes uInt lengths; feed large spans in pieces.
    uLong crc = seed;
    const uint8_t* p = data.data();
    std::size_t n = data.size();
    while (n > 0) {
        const auto chunk = static_cast<uInt>(n > (1u << 30) ? (1u << 30) : n);
        crc = ::crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

}  // namespace sluice::protocol
