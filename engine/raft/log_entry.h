// One entry of the replicated log: the epoch it was written in, whether Raft wrote it itself, its payload.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/raft/types.h"

namespace sluice::raft {

using bytes = std::vector<uint8_t>;

struct log_entry {
    epoch_id epoch;
    // Control entries (LeaderChange) are Raft's own; the state machine skips them. On disk they become
    // Kafka control batches.
    bool control = false;
    bytes payload;
    friend bool operator==(const log_entry&, const log_entry&) = default;
};

}  // namespace sluice::raft
