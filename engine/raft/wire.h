// raft::message <-> Kafka's KRaft wire messages: Vote, BeginQuorumEpoch, EndQuorumEpoch (v0), Fetch (v12) and
// FetchSnapshot (v0) on the metadata partition __cluster_metadata-0, the cluster id where Kafka carries it.
// Fetched entries travel as record batches encoded as persistent_log stores them (partitionLeaderEpoch = the
// entries' epoch, LeaderChange entries in control batches).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "engine/common/result.h"
#include "engine/protocol/messages/begin_quorum_epoch.h"
#include "engine/protocol/messages/end_quorum_epoch.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/fetch_snapshot.h"
#include "engine/protocol/messages/vote.h"
#include "engine/raft/messages.h"

namespace sluice::raft::wire {

inline constexpr std::string_view metadata_topic = "__cluster_metadata";
inline constexpr int32_t metadata_partition = 0;
// The versions the quorum speaks.
inline constexpr int16_t vote_version = 0;
inline constexpr int16_t begin_quorum_epoch_version = 0;
inline constexpr int16_t end_quorum_epoch_version = 0;
inline constexpr int16_t fetch_version = 12;
inline constexpr int16_t fetch_snapshot_version = 0;

// Entries as record batches starting at `base` (one batch per run of one epoch and kind).
result<protocol::bytes> encode_entries(log_offset base, std::span<const log_entry> entries);
// The batches' entries and the first batch's base offset (`fallback` when there are none).
result<std::pair<log_offset, std::vector<log_entry>>> decode_entries(std::span<const uint8_t> batches,
                                                                   log_offset fallback);

// Requests: to the wire with our cluster id; from the wire with the sender's id (the candidate, the leader
// or the fetching replica) and the cluster id the sender named, if any.
protocol::vote_request to_wire(const vote_request& m, const std::string& cluster_id);
protocol::begin_quorum_epoch_request to_wire(const begin_quorum_epoch_request& m, const std::string& cluster_id);
protocol::end_quorum_epoch_request to_wire(const end_quorum_epoch_request& m, const std::string& cluster_id);
protocol::fetch_request to_wire(const fetch_request& m, const std::string& cluster_id);
protocol::fetch_snapshot_request to_wire(const fetch_snapshot_request& m, const std::string& cluster_id);

struct inbound_request {
    node_id from;
    std::optional<std::string> cluster_id;
    message body;
};
// INVALID_REQUEST when the request does not name exactly __cluster_metadata partition 0.
result<inbound_request> from_wire(const protocol::vote_request& m);
result<inbound_request> from_wire(const protocol::begin_quorum_epoch_request& m);
result<inbound_request> from_wire(const protocol::end_quorum_epoch_request& m);
result<inbound_request> from_wire(const protocol::fetch_request& m);
result<inbound_request> from_wire(const protocol::fetch_snapshot_request& m);

// Responses.
protocol::vote_response to_wire(const vote_response& m);
protocol::begin_quorum_epoch_response to_wire(const begin_quorum_epoch_response& m);
protocol::end_quorum_epoch_response to_wire(const end_quorum_epoch_response& m);
result<protocol::fetch_response> to_wire(const fetch_response& m);
protocol::fetch_snapshot_response to_wire(const fetch_snapshot_response& m);

// A top-level error (e.g. INCONSISTENT_CLUSTER_ID) becomes the message's error; a missing partition is
// INVALID_REQUEST. `fetch_offset` is where a fetch with no records says its (empty) records start.
result<message> from_wire(const protocol::vote_response& m);
result<message> from_wire(const protocol::begin_quorum_epoch_response& m);
result<message> from_wire(const protocol::end_quorum_epoch_response& m);
result<message> from_wire(const protocol::fetch_response& m, log_offset fetch_offset);
result<message> from_wire(const protocol::fetch_snapshot_response& m);

// Responses carrying only an error (a request refused before it reached the node, e.g. a foreign cluster id).
protocol::vote_response vote_error(error_code code);
protocol::begin_quorum_epoch_response begin_quorum_epoch_error(error_code code);
protocol::end_quorum_epoch_response end_quorum_epoch_error(error_code code);
protocol::fetch_response fetch_error(error_code code);
protocol::fetch_snapshot_response fetch_snapshot_error(error_code code);

}  // namespace sluice::raft::wire
