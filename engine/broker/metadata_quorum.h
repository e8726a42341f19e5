// The node's voter of the KRaft-style metadata quorum: one raft_node driven on the node's io_context (a tick
// timer, requests to the other voters over Kafka's wire APIs, requests from them fed in by the handlers) on
// the raft log at <data>/__cluster_metadata-0. Committed entries are handed to one callback in log order.
// Snapshots (KIP-630): every voter snapshots its applied state now and then, which lets the log drop the
// segments before it; a restarted voter loads its latest snapshot and replays only the log after it, and one
// that fell behind the leader's log start installs the leader's snapshot (FetchSnapshot).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/broker/listeners.h"
#include "engine/broker/quorum_peer.h"
#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/metadata/config_values.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/raft/file_quorum_state_store.h"
#include "engine/raft/persistent_log.h"
#include "engine/raft/raft_node.h"

namespace sluice::broker {

// The controller.quorum.* configs (Kafka's names and defaults).
struct quorum_settings {
    int64_t election_timeout_ms = 1000;
    int64_t fetch_timeout_ms = 2000;
    int64_t election_backoff_max_ms = 1000;
    int64_t request_timeout_ms = 2000;
    int64_t retry_backoff_ms = 20;
    int64_t tick_ms = 10;
    int64_t snapshot_max_new_record_bytes = 20971520;  // metadata.log.max.record.bytes.between.snapshots
    int64_t snapshot_max_interval_ms = 3600000;        // metadata.log.max.snapshot.interval.ms; 0: never by time
    int32_t log_segment_bytes = 1073741824;            // metadata.log.segment.bytes
    static quorum_settings from_config(const metadata::config_values& values);
};

class metadata_quorum {
public:
    struct committed_entry {
        int64_t offset;
        raft::bytes payload;
    };
    // Committed non-control entries, in log order, each exactly once per process.
    using commit_handler = std::function<void(std::span<const committed_entry>)>;
    // The state machine's side of snapshots. `write` returns its state (everything applied so far) as
    // snapshot bytes; `load` replaces its state by a snapshot's, which ends at `end_offset`, or says why the
    // snapshot cannot be read (the quorum then applies nothing more: a silently emptier image would be worse).
    struct snapshot_hooks {
        std::function<raft::bytes()> write;
        std::function<result<void>(int64_t end_offset, std::span<const uint8_t> data)> load;
    };

    // Opens the raft log and quorum state in `data_dir`/__cluster_metadata-0. `voters` must name `self`.
    // With `faults`, the connections to the other voters suffer the injected link faults (tests).
    static result<std::unique_ptr<metadata_quorum>> open(asio::io_context& io, const std::filesystem::path& data_dir,
                                                         int32_t self, std::vector<quorum_voter> voters,
                                                         quorum_settings settings, std::string cluster_id,
                                                         std::shared_ptr<net::link_faults> faults = nullptr);
    ~metadata_quorum();
    metadata_quorum(const metadata_quorum&) = delete;
    metadata_quorum& operator=(const metadata_quorum&) = delete;

    void on_commit(commit_handler h) { on_commit_ = std::move(h); }
    void on_snapshot(snapshot_hooks h) { snapshot_hooks_ = std::move(h); }
    // Loads the latest snapshot (an unreadable one fails the start), resumes the raft node (a quorum of one
    // elects itself and applies its log after the snapshot before this returns) and starts the tick timer
    // (it runs once the io_context does).
    result<void> start();
    // Stops ticking and sending, closes the peer connections, fails pending proposals. Call on the io thread.
    void stop();
    // Before stop(): a leader with other voters resigns (EndQuorumEpoch, most caught-up successor first).
    // Returns whether it did, i.e. whether the io_context should run a little longer to send that.
    bool resign_for_shutdown();

    // Leader only: appends the payloads and completes once they are committed and applied (the commit
    // handler has run for them) with the offset of the last one. NOT_CONTROLLER when this node does not lead
    // or loses the leadership first; REQUEST_TIMED_OUT after a bound.
    awaitable<result<int64_t>> propose(std::vector<raft::bytes> payloads);
    // The same, synchronously, for a quorum of one (which commits at once); NOT_CONTROLLER otherwise.
    result<int64_t> propose_now(std::vector<raft::bytes> payloads);

    // A request from another voter (Vote, BeginQuorumEpoch, EndQuorumEpoch, Fetch, FetchSnapshot): fed to the
    // node, answered when the node answers it (a parked fetch later), REQUEST_TIMED_OUT after a bound.
    awaitable<result<raft::message>> handle(raft::node_id from, raft::message request);

    std::optional<int32_t> leader() const;
    int32_t epoch() const { return node_->epoch().value(); }
    bool is_leader() const { return node_->current_role() == raft::role::leader; }
    // Leader whose high watermark is known and whose state machine has applied everything below it: the
    // image then holds every committed record, so proposals can be validated against it.
    bool caught_up() const;
    bool single_voter() const { return voters_.size() == 1; }
    int32_t self() const { return self_; }
    int64_t high_watermark() const { return node_->high_watermark().value(); }
    int64_t applied_offset() const { return applied_; }
    // The latest snapshot's end offset (-1: none) and the raft log's first offset.
    int64_t snapshot_offset() const;
    int64_t log_start_offset() const { return log_->start_offset().value(); }
    // Entries below this offset were in the log when the node started (replayed rather than new).
    int64_t startup_log_end() const { return startup_end_; }
    const std::string& cluster_id() const { return cluster_id_; }
    const std::vector<quorum_voter>& voters() const { return voters_; }
    raft::role role() const { return node_->current_role(); }

    // DescribeQuorum's partition for __cluster_metadata-0 as this node knows it (replica states on the leader).
    protocol::describe_quorum_response::partition describe() const;

    // A connection to another voter's listener for requests forwarded to the leader. It is not the one the
    // raft traffic uses: a node answers a connection's requests in order, and a forwarded change waits for a
    // commit that needs the follower's next fetch.
    awaitable<result<client::async_connection*>> connection_to(int32_t voter);

private:
    metadata_quorum(asio::io_context& io, int32_t self, std::vector<quorum_voter> voters, quorum_settings settings,
                    std::string cluster_id);
    int64_t now() const;
    // After anything the node saw: send its outbox, apply what committed, settle proposals.
    void after_event();
    void dispatch_outbox();
    void apply_committed();
    // Hands a snapshot the log holds but the state machine has not loaded to the state machine.
    result<void> load_new_snapshot();
    void maybe_snapshot();
    void settle_proposals();
    awaitable<void> send_request(raft::envelope env);
    awaitable<void> tick_loop();

    struct waiter;
    asio::io_context& io_;
    int32_t self_;
    std::vector<quorum_voter> voters_;
    quorum_settings settings_;
    std::string cluster_id_;
    std::unique_ptr<raft::persistent_log> log_;
    std::unique_ptr<raft::file_quorum_state_store> store_;
    std::unique_ptr<raft::raft_node> node_;
    std::map<int32_t, std::unique_ptr<quorum_peer>> peers_;          // raft requests
    std::map<int32_t, std::unique_ptr<quorum_peer>> forward_peers_;  // forwarded admin requests
    commit_handler on_commit_;
    snapshot_hooks snapshot_hooks_;
    int64_t applied_ = 0;
    // The snapshot the state machine holds (loaded or written by us), what was applied since, and when.
    std::optional<raft::offset_and_epoch> state_snapshot_;
    int64_t bytes_since_snapshot_ = 0;
    int64_t last_snapshot_ms_ = 0;
    std::optional<error> snapshot_failure_;
    int64_t startup_end_ = 0;
    uint64_t next_inbound_id_ = uint64_t{1} << 62;  // correlation ids of requests from peers, apart from raft's
    std::map<uint64_t, std::shared_ptr<waiter>> inbound_;
    std::multimap<int64_t, std::shared_ptr<waiter>> proposals_;  // by the offset that must be applied
    int32_t proposals_epoch_ = -1;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::unique_ptr<asio::steady_timer> tick_timer_;
    bool started_ = false;
    bool failure_reported_ = false;
};

}  // namespace sluice::broker
