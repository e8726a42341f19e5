// Kafka's pre-0.11 message sets (magic 0 and 1), converted to one record batch v2 on produce, the way a
// Kafka broker up-converts them. Old clients (Produce v0-v2) can then write to a log that only holds v2.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "engine/common/result.h"

namespace sluice::protocol {

// The magic byte of the first entry of a record set (byte 16 in both layouts); -1 when too short.
int8_t record_set_magic(std::span<const uint8_t> records);

// Decodes a magic 0/1 message set (checking each message's CRC-32, expanding compressed wrapper messages)
// and encodes its records as one v2 batch with the wrapper's codec, offsets 0..n-1 and the messages'
// timestamps (-1 for magic 0). CORRUPT_MESSAGE on malformed input.
result<std::vector<uint8_t>> convert_legacy_message_set(std::span<const uint8_t> message_set);

}  // namespace sluice::protocol
