// One voter of the KRaft-style quorum that replicates the metadata log. I/O-free and single-threaded: the
// owner feeds it time (tick), messages (receive) and proposals, and sends what take_outbox() returns. Time
// is always passed in and randomness comes from a seeded generator, so a schedule replays exactly.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/raft/messages.h"
#include "engine/raft/quorum_state_store.h"
#include "engine/raft/raft_config.h"
#include "engine/raft/raft_log.h"

namespace sluice::raft {

// KRaft's QuorumState kinds. unattached: knows an epoch, no leader, no vote; voted: voted in this epoch;
// resigned: was leader of this epoch and stepped down, waiting for a successor.
enum class role { unattached, voted, candidate, leader, follower, resigned };
std::string_view role_name(role r);

// What the leader knows of each voter (DescribeQuorum's ReplicaState).
struct replica_state {
    log_offset log_end_offset{-1};  // -1 until the voter's first fetch in this epoch
    int64_t last_fetch_ms = -1;
    int64_t last_caught_up_ms = -1;  // last time its fetch offset reached the leader's log end
};

class raft_node {
public:
    // The log and the store outlive the node (a restart is a new node on the same log and store).
    raft_node(raft_config cfg, raft_log& log, quorum_state_store& store);

    // Loads the persisted quorum state and resumes: a leader of the stored epoch comes back resigned, a
    // follower as follower, a vote stays a vote. A single-voter quorum elects itself.
    result<void> start(int64_t now_ms);
    // Fires timers: elections, fetch timeouts, check quorum, resends, expired long polls.
    void tick(int64_t now_ms);
    void receive(const envelope& env, int64_t now_ms);
    // Leader only: appends the payloads in the current epoch; returns the offset of the last one.
    // Anyone else gets NOT_LEADER_OR_FOLLOWER.
    result<log_offset> propose(std::vector<bytes> payloads, int64_t now_ms);
    // Graceful step-down (shutdown, rebalancing): EndQuorumEpoch to the others, most caught-up first.
    void resign(int64_t now_ms);
    // Snapshot of the state machine up to `end` (exclusive), which must not pass the high watermark.
    result<offset_and_epoch> create_snapshot(log_offset end, bytes state);
    std::vector<envelope> take_outbox();

    node_id id() const { return cfg_.id; }
    role current_role() const { return role_; }
    epoch_id epoch() const { return epoch_; }
    std::optional<node_id> leader() const { return leader_; }
    std::optional<node_id> voted_for() const { return voted_for_; }
    // Entries below it are committed. -1 (unknown) until learnt, as in KRaft.
    log_offset high_watermark() const { return hw_; }
    log_offset log_end_offset() const { return log_.end_offset(); }
    const raft_log& log() const { return log_; }
    // Committed entries from `from` (at most max_entries), for the state machine to apply.
    std::vector<log_entry> committed_since(log_offset from, std::size_t max_entries) const;
    // Leader only (empty otherwise): every voter's replica state, this node included.
    std::map<node_id, replica_state> replica_states() const;
    // Why the node stopped (the quorum state could not be persisted); it then ignores everything.
    const std::optional<error>& failure() const { return failure_; }

private:
    // transitions (raft_node.cpp)
    void become_unattached(epoch_id e, int64_t now);
    void become_voted(epoch_id e, node_id candidate, int64_t now);
    void become_candidate(int64_t now);
    void become_leader(int64_t now);
    void become_follower(epoch_id e, node_id leader, int64_t now);
    void become_resigned(int64_t now);
    // Our log's position as a fetch states it; responses are matched against it.
    offset_and_epoch log_position() const { return {log_.end_offset(), log_.last_epoch()}; }
    // Whether a response with this correlation id answers a fetch sent from our current log position.
    bool answers_current_fetch(uint64_t correlation_id);
    // Any message carrying a higher epoch makes us step down; returns false if the message is stale.
    bool observe_epoch(epoch_id e, std::optional<node_id> leader, int64_t now);
    bool persist();
    int64_t random_election_timeout();
    bool is_voter(node_id n) const;
    std::size_t majority() const { return cfg_.voters.size() / 2 + 1; }
    void send(node_id to, message m);
    leader_and_epoch current_leader() const { return {leader_, epoch_}; }

    // elections (raft_node_vote.cpp)
    void send_vote_requests(int64_t now);
    void on_vote_request(node_id from, const vote_request& req, int64_t now);
    void on_vote_response(node_id from, const vote_response& resp, int64_t now);
    void on_begin_quorum_epoch(node_id from, const begin_quorum_epoch_request& req, int64_t now);
    void on_begin_quorum_epoch_response(node_id from, const begin_quorum_epoch_response& resp, int64_t now);
    void on_end_quorum_epoch(node_id from, const end_quorum_epoch_request& req, int64_t now);
    void on_end_quorum_epoch_response(node_id from, const end_quorum_epoch_response& resp, int64_t now);
    void send_begin_quorum_epochs(int64_t now);
    void send_end_quorum_epochs(int64_t now);

    // replication (raft_node_fetch.cpp)
    void on_fetch(node_id from, const fetch_request& req, int64_t now);
    fetch_response answer_fetch(const fetch_request& req) const;
    void send_fetch_response(node_id to, fetch_response resp);
    void on_fetch_response(node_id from, const fetch_response& resp, int64_t now);
    void on_fetch_snapshot(node_id from, const fetch_snapshot_request& req, int64_t now);
    void on_fetch_snapshot_response(node_id from, const fetch_snapshot_response& resp, int64_t now);
    void send_fetch(int64_t now);
    bool maybe_advance_high_watermark();
    void complete_parked_fetches(int64_t now, bool only_expired);
    void check_quorum(int64_t now);

    raft_config cfg_;
    raft_log& log_;
    quorum_state_store& store_;
    std::mt19937 rng_;
    std::vector<envelope> outbox_;
    uint64_t next_correlation_id_ = 1;
    uint64_t replying_to_ = 0;  // correlation id of the request being answered (receive, parked fetches)
    std::optional<error> failure_;

    role role_ = role::unattached;
    epoch_id epoch_{0};
    std::optional<node_id> voted_for_;
    std::optional<node_id> leader_;
    log_offset hw_{-1};

    // unattached / voted / candidate / resigned: when to start (the next) election
    int64_t election_deadline_ = 0;
    // candidate
    std::set<node_id> granted_, rejected_;
    int64_t vote_resend_at_ = 0;
    bool backing_off_ = false;
    // leader
    log_offset epoch_start_offset_{0};
    int64_t leader_since_ms_ = 0;
    std::map<node_id, replica_state> replicas_;
    std::set<node_id> begin_acked_;
    int64_t begin_resend_at_ = 0;
    struct parked_fetch {
        node_id from;
        fetch_request req;
        int64_t deadline;
        uint64_t correlation_id;
    };
    std::vector<parked_fetch> parked_;
    std::map<node_id, log_offset> hw_sent_;  // the high watermark each follower was last told
    // resigned: who acknowledged our EndQuorumEpoch
    std::set<node_id> end_acked_;
    int64_t end_resend_at_ = 0;
    // follower
    int64_t fetch_deadline_ = 0;        // no word from the leader until then -> election
    bool fetch_in_flight_ = false;
    int64_t fetch_resend_at_ = 0;
    // Our log's {end, last epoch} when each outstanding fetch left, by correlation id: a response is only
    // valid for the log it was asked from (a late answer to a resent fetch could truncate entries we have
    // since validated and appended).
    std::map<uint64_t, offset_and_epoch> fetches_out_;
    struct snapshot_download {
        offset_and_epoch id;
        bytes data;
    };
    std::optional<snapshot_download> download_;
};

}  // namespace sluice::raft
