// Kafka's default partitioner for keyed records: murmur2 of the key bytes, made positive, modulo the partition
// count — what the Java client (and librdkafka's "murmur2_random") pick, so a key lands where theirs would.
#pragma once
#include <cstdint>
#include <span>

namespace sluice::client {

// Kafka's murmur2 (org.apache.kafka.common.utils.Utils.murmur2, seed 0x9747b28c), as a signed 32-bit value.
int32_t murmur2(std::span<const uint8_t> data);

// The partition Kafka's default partitioner gives a non-null key: (murmur2(key) & 0x7fffffff) % partitions.
// `partitions` must be > 0.
int32_t partition_for_key(std::span<const uint8_t> key, int32_t partitions);

}  // namespace sluice::client
