// The quorum RPCs as plain structs. Each mirrors the fields of Kafka's KRaft message (Vote, BeginQuorumEpoch,
// EndQuorumEpoch, Fetch for the metadata partition, FetchSnapshot) so an adapter maps them 1:1 onto the
// wire schemas in engine/protocol/messages/. Kafka's "-1 = none" ids are std::optional here.
#pragma once
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "engine/common/error_code.h"
#include "engine/raft/log_entry.h"
#include "engine/raft/types.h"

namespace sluice::raft {

using protocol::error_code;

// Kafka's LeaderIdAndEpoch / CurrentLeader: who the sender believes leads, in which epoch.
struct leader_and_epoch {
    std::optional<node_id> leader_id;
    epoch_id leader_epoch;
    friend bool operator==(const leader_and_epoch&, const leader_and_epoch&) = default;
};

struct vote_request {  // Vote (52)
    epoch_id candidate_epoch;
    node_id candidate_id;
    epoch_id last_offset_epoch;
    log_offset last_offset;  // the candidate's log end offset
};
struct vote_response {
    error_code error = error_code::none;
    leader_and_epoch leader;
    bool vote_granted = false;
};

struct begin_quorum_epoch_request {  // BeginQuorumEpoch (53)
    node_id leader_id;
    epoch_id leader_epoch;
};
struct begin_quorum_epoch_response {
    error_code error = error_code::none;
    leader_and_epoch leader;
};

struct end_quorum_epoch_request {  // EndQuorumEpoch (54)
    node_id leader_id;
    epoch_id leader_epoch;
    std::vector<node_id> preferred_successors;  // most caught-up first
};
struct end_quorum_epoch_response {
    error_code error = error_code::none;
    leader_and_epoch leader;
};

struct fetch_request {  // Fetch (1), the single metadata-log partition
    node_id replica_id;
    epoch_id current_leader_epoch;
    log_offset fetch_offset;
    epoch_id last_fetched_epoch;
    int32_t max_wait_ms = 0;
};
struct fetch_response {
    error_code error = error_code::none;
    log_offset high_watermark{-1};
    log_offset log_start_offset{0};
    // Set when the follower's log diverges: {epoch, end offset of that epoch on the leader}.
    std::optional<offset_and_epoch> diverging_epoch;
    leader_and_epoch current_leader;
    // Set when the fetch offset is below the leader's log start: fetch this snapshot first.
    std::optional<offset_and_epoch> snapshot_id;
    log_offset records_offset{0};  // offset of records[0] (the first batch's base offset on the wire)
    std::vector<log_entry> records;
};

struct fetch_snapshot_request {  // FetchSnapshot (59)
    node_id replica_id;
    epoch_id current_leader_epoch;
    offset_and_epoch snapshot_id;
    int64_t position = 0;
    int32_t max_bytes = 0;
};
struct fetch_snapshot_response {
    error_code error = error_code::none;
    offset_and_epoch snapshot_id;
    leader_and_epoch current_leader;
    int64_t size = 0;  // the whole snapshot's size
    int64_t position = 0;
    bytes unaligned_records;  // this chunk
};

using message = std::variant<vote_request, vote_response, begin_quorum_epoch_request, begin_quorum_epoch_response,
                             end_quorum_epoch_request, end_quorum_epoch_response, fetch_request, fetch_response,
                             fetch_snapshot_request, fetch_snapshot_response>;

// Requests sit at even indexes of `message`, their responses right after them.
inline bool is_response(const message& m) { return m.index() % 2 == 1; }

struct envelope {
    node_id from;
    node_id to;
    message body;
    // Kafka's request header correlation id: a response carries its request's. It tells a follower which
    // of its fetches a response answers (one may be resent while the first is still on its way).
    uint64_t correlation_id = 0;
};

}  // namespace sluice::raft
