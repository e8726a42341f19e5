// Checksums of the Kafka record formats: CRC-32C for batches (magic 2), CRC-32 (IEEE) for legacy messages.
#pragma once
#include <cstdint>
#include <span>

namespace sluice::protocol {

// CRC-32C (Castagnoli). `seed` is a previous result, so a checksum can be computed over several pieces:
// crc32c(b, crc32c(a)) == crc32c(a + b). Uses SSE4.2 when the CPU has it, a slicing-by-8 table otherwise.
uint32_t crc32c(std::span<const uint8_t> data, uint32_t seed = 0);

// CRC-32 (IEEE 802.3, zlib's crc32), used by message format v0/v1.
uint32_t crc32_ieee(std::span<const uint8_t> data, uint32_t seed = 0);

}  // namespace sluice::protocol
