// The node's voter of the KRaft-style metadata quorum, as the broker side (the node's io thread) sees it. The
// raft_node itself runs on the quorum's own thread (quorum_driver on an executor_thread, as Kafka's raft I/O
// thread): its tick timer, its requests to the other voters, the raft log's appends and fsyncs and the
// quorum-state file. Requests from other voters arrive at the node's handlers and are handed over; committed
// entries come back to the io thread by posting and go to one callback in log order.
// Snapshots (KIP-630): every voter snapshots its applied state now and then, which lets the log drop the
// segments before it; a restarted voter loads its latest snapshot and replays only the log after it, and one
// that fell behind the leader's log start installs the leader's snapshot (FetchSnapshot).
#pragma once
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/broker/executor_thread.h"
#include "engine/broker/listeners.h"
#include "engine/broker/quorum_driver.h"
#include "engine/broker/quorum_peer.h"
#include "engine/client/client_security.h"
#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/metadata/config_values.h"
#include "engine/protocol/messages/describe_quorum.h"
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
    // How the connections to the other voters (and forwarded requests to the controller) are secured: as
    // a client of the listener the voters name (peer_security.h). Not a config of its own.
    client::client_security peer_security;
    static quorum_settings from_config(const metadata::config_values& values);
};

class metadata_quorum {
public:
    using committed_entry = broker::committed_entry;
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
    // `before_log_sync` (tests) runs on the quorum thread before each fsync of the raft log.
    static result<std::unique_ptr<metadata_quorum>> open(asio::io_context& io, const std::filesystem::path& data_dir,
                                                         int32_t self, std::vector<quorum_voter> voters,
                                                         quorum_settings settings, std::string cluster_id,
                                                         std::shared_ptr<net::link_faults> faults = nullptr,
                                                         std::function<void()> before_log_sync = nullptr);
    ~metadata_quorum();  // stop()
    metadata_quorum(const metadata_quorum&) = delete;
    metadata_quorum& operator=(const metadata_quorum&) = delete;

    void on_commit(commit_handler h) { on_commit_ = std::move(h); }
    void on_snapshot(snapshot_hooks h) { snapshot_hooks_ = std::move(h); }
    // Starts the quorum thread, loads the latest snapshot (an unreadable one fails the start) and resumes the
    // raft node; a quorum of one elects itself and its log after the snapshot is applied before this returns.
    // Call before the io thread runs.
    result<void> start();
    // Stops the quorum thread (ticking, sending, the peer connections) and fails pending proposals. Call on
    // the io thread; it waits for the quorum thread to finish what it is doing.
    void stop();
    // Before stop(): a leader with other voters resigns (EndQuorumEpoch, most caught-up successor first).
    // Returns whether it did, i.e. whether the io_context should run a little longer to send that.
    bool resign_for_shutdown();

    // Leader only: appends the payloads and completes once they are committed and applied (the commit
    // handler has run for them) with the offset of the last one. NOT_CONTROLLER when this node does not lead
    // or loses the leadership first; REQUEST_TIMED_OUT after a bound.
    awaitable<result<int64_t>> propose(std::vector<raft::bytes> payloads);
    // The same, synchronously, for a quorum of one (which commits at once); NOT_CONTROLLER otherwise. It
    // waits for the quorum thread's append and fsync: startup, and creations that cannot wait (auto-create).
    result<int64_t> propose_now(std::vector<raft::bytes> payloads);

    // A request from another voter (Vote, BeginQuorumEpoch, EndQuorumEpoch, Fetch, FetchSnapshot): handed to
    // the quorum thread, answered when the raft node answers it (a parked fetch later), REQUEST_TIMED_OUT
    // after a bound. The caller resumes on its own executor.
    awaitable<result<raft::message>> handle(raft::node_id from, raft::message request);

    // The quorum as the last update from the quorum thread showed it (the io thread's view; it lags the raft
    // node by one post at most, and moves in the order the raft node did).
    std::optional<int32_t> leader() const { return status_.leader; }
    int32_t epoch() const { return status_.epoch; }
    bool is_leader() const { return status_.role == raft::role::leader; }
    // Leader whose high watermark is known and whose state machine has applied everything below it: the
    // image then holds every committed record, so proposals can be validated against it.
    bool caught_up() const;
    bool single_voter() const { return voters_.size() == 1; }
    int32_t self() const { return self_; }
    int64_t high_watermark() const { return status_.high_watermark; }
    int64_t applied_offset() const { return applied_; }
    // The latest snapshot's end offset (-1: none) and the raft log's first offset.
    int64_t snapshot_offset() const { return status_.snapshot_offset; }
    int64_t log_start_offset() const { return status_.log_start_offset; }
    // Entries below this offset were in the log when the node started (replayed rather than new).
    int64_t startup_log_end() const { return startup_end_; }
    const std::string& cluster_id() const { return cluster_id_; }
    const std::vector<quorum_voter>& voters() const { return voters_; }
    raft::role role() const { return status_.role; }

    // DescribeQuorum's partition for __cluster_metadata-0 as this node knows it (replica states on the
    // leader), asked of the quorum thread.
    awaitable<protocol::describe_quorum_response::partition> describe();

    // A connection to another voter's listener for requests forwarded to the leader. It is not the one the
    // raft traffic uses: a node answers a connection's requests in order, and a forwarded change waits for a
    // commit that needs the follower's next fetch. It lives on the io thread, as the forwarding handlers do.
    awaitable<result<client::async_connection*>> connection_to(int32_t voter);

private:
    metadata_quorum(asio::io_context& io, int32_t self, std::vector<quorum_voter> voters, quorum_settings settings,
                    std::string cluster_id);
    int64_t now() const;
    // On the io thread: takes the quorum thread's updates and applies them in order, then snapshots and
    // settles proposals. Re-entered from a commit handler, it leaves the new updates to the outer call.
    void drain();
    void take(quorum_update u);
    void maybe_snapshot();
    void settle_proposals();

    struct waiter;
    // Everything below is the io thread's, except thread_ and driver_: the driver is touched on the quorum
    // thread only (thread_.call, posts to thread_.executor()), and the mailbox is the one shared, locked object.
    asio::io_context& io_;
    int32_t self_;
    std::vector<quorum_voter> voters_;
    quorum_settings settings_;
    std::string cluster_id_;
    quorum_mailbox mailbox_;
    executor_thread thread_;  // before driver_: its io_context outlives the driver's sockets and timers
    std::unique_ptr<quorum_driver> driver_;
    std::map<int32_t, std::unique_ptr<quorum_peer>> forward_peers_;  // forwarded admin requests
    commit_handler on_commit_;
    snapshot_hooks snapshot_hooks_;
    quorum_status status_;
    int64_t applied_ = 0;
    int64_t bytes_since_snapshot_ = 0;
    int64_t last_snapshot_ms_ = 0;
    std::optional<error> snapshot_failure_;
    int64_t startup_end_ = 0;
    std::deque<quorum_update> pending_;
    bool draining_ = false;
    std::multimap<int64_t, std::shared_ptr<waiter>> proposals_;  // by the offset that must be applied
    bool started_ = false;
    bool stopped_ = false;
};

}  // namespace sluice::broker
