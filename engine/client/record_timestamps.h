// record_timestamps: the timestamp of the record at an offset, for many partitions at once (consumer lag in time:
// how long ago the first record a group has not consumed was written). One Fetch per leader and round.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"

namespace sluice::client {

struct record_position {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
};

// For each position, the timestamp (ms since the epoch, CreateTime or LogAppendTime as its batch says) of the first
// record at or after its offset; nullopt where none could be read (no leader, an error, nothing there yet). Leaders
// come from `topology`. The same partition at several offsets costs one more round, not one more request per offset.
std::vector<std::optional<int64_t>> read_record_timestamps(cluster_client& client, const cluster_snapshot& topology,
                                                           std::span<const record_position> positions);

}  // namespace sluice::client
