#include "engine/client/partitioner.h"

namespace sluice::client {

int32_t murmur2(std::span<const uint8_t> data) {
    // Unsigned arithmetic throughout: Java's int overflow wraps, which C++ guarantees only for unsigned types.
    constexpr uint32_t seed = 0x9747b28c;
    constexpr uint32_t m = 0x5bd1e995;
    constexpr int r = 24;
    const auto length = static_cast<uint32_t>(data.size());
    uint32_t h = seed ^ length;
    const std::size_t blocks = data.size() / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const uint8_t* p = data.data() + i * 4;  // little-endian 4-byte words, as Kafka reads them
        uint32_t k = uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
        k *= m;
        k ^= k >> r;
        k *= m;
        h *= m;
        h ^= k;
    }
    const uint8_t* tail = data.data() + blocks * 4;
    switch (data.size() % 4) {
        case 3:
            h ^= uint32_t{tail[2]} << 16;
            [[fallthrough]];
        case 2:
            h ^= uint32_t{tail[1]} << 8;
            [[fallthrough]];
        case 1:
            h ^= uint32_t{tail[0]};
            h *= m;
            break;
        default:
            break;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return static_cast<int32_t>(h);
}

int32_t partition_for_key(std::span<const uint8_t> key, int32_t partitions) {
    // Utils.toPositive: clear the sign bit (not abs(), which is negative for INT_MIN).
    const auto positive = static_cast<uint32_t>(murmur2(key)) & 0x7fffffffu;
    return static_cast<int32_t>(positive % static_cast<uint32_t>(partitions));
}

}  // namespace sluice::client
