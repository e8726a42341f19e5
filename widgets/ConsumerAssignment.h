// ConsumerAssignment: decodes the consumer protocol's member assignment bytes (what a group leader gave a member).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "GroupsSnapshot.h"

struct ConsumerAssignment
{
    int16_t version = 0;
    std::vector<AssignedTopic> topics;
    std::vector<uint8_t> userData;

    // Layout (big-endian): version int16, topics int32 count × [name int16 length + bytes, partitions int32 count ×
    // int32], user data int32 length (-1: null) + bytes. Versions ≥ 1 may append fields, which are ignored.
    // Empty input decodes to an empty assignment (a member that has none yet); malformed input gives nullopt.
    static std::optional<ConsumerAssignment> decode(std::span<const uint8_t> bytes);
    // The inverse (version 0), for tests and tools.
    std::vector<uint8_t> encode() const;
};
