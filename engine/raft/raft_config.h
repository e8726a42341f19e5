// Settings of one Raft voter. Names follow Kafka's controller.quorum.* configs; defaults are Kafka's.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/raft/types.h"

namespace sluice::raft {

struct raft_config {
    node_id id{0};
    std::vector<node_id> voters;              // controller.quorum.voters (ids only; addresses live above)
    int64_t election_timeout_ms = 1000;       // controller.quorum.election.timeout.ms; randomized up to 2x
    int64_t fetch_timeout_ms = 2000;          // controller.quorum.fetch.timeout.ms
    int64_t election_backoff_max_ms = 1000;   // controller.quorum.election.backoff.max.ms
    int64_t request_timeout_ms = 2000;        // controller.quorum.request.timeout.ms; resend after it
    int64_t retry_backoff_ms = 20;            // controller.quorum.retry.backoff.ms
    int32_t fetch_max_wait_ms = 500;          // how long the leader may park a follower's fetch (long poll)
    std::size_t fetch_max_entries = 1000;
    std::size_t fetch_max_bytes = 1 << 20;
    int32_t snapshot_chunk_bytes = 1 << 20;  // FetchSnapshot max bytes per response
    // The node's own randomness (election timeouts, correlation ids). Fixed in tests for determinism; a
    // server should pass a different value at every start.
    uint32_t seed = 1;
};

}  // namespace sluice::raft
