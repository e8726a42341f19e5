// The raft side of the node's metadata quorum voter: one raft_node, its on-disk log and quorum-state file,
// the connections to the other voters and the tick timer, all on the quorum's own thread (executor_thread),
// so log appends, fsyncs and quorum-state writes never run on the node's network thread, and a slow client
// request never delays a heartbeat. Every member is touched on that thread only, except in open() (before the
// thread runs). What the broker side needs to know (committed entries, snapshots to load, the leader and
// epoch) leaves as quorum_updates through a quorum_mailbox, in order.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/broker/cross_thread_reply.h"
#include "engine/broker/listeners.h"
#include "engine/broker/quorum_peer.h"
#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/raft/file_quorum_state_store.h"
#include "engine/raft/persistent_log.h"
#include "engine/raft/raft_node.h"

namespace sluice::broker {

struct quorum_settings;

// What the broker side caches of the raft node: the answers to "who leads, in which epoch, up to where".
struct quorum_status {
    int32_t epoch = 0;
    std::optional<int32_t> leader;
    raft::role role = raft::role::unattached;
    int64_t high_watermark = -1;
    int64_t log_start_offset = 0;
    int64_t snapshot_offset = -1;  // the latest snapshot's end offset; -1: none
    friend bool operator==(const quorum_status&, const quorum_status&) = default;
};

struct committed_entry {
    int64_t offset;
    raft::bytes payload;
};

// One step of the quorum as the broker side must see it, in this order: load `snapshot` (if any), apply
// `entries`, then everything below `applied_end` has been handed over; `status` is the node's after it.
struct quorum_update {
    struct snapshot {
        raft::offset_and_epoch id;
        std::string file_name;
        raft::bytes data;
    };
    std::optional<snapshot> load;
    std::optional<error> failure;  // a snapshot that could not be read: the broker side stops applying
    std::vector<committed_entry> entries;
    int64_t committed_bytes = 0;  // payload bytes of every committed entry, control ones included
    int64_t applied_end = 0;
    quorum_status status;
};

// The hand-off from the quorum thread to the node's io thread. The quorum thread pushes; the node's thread
// takes everything at once. push() says whether the box was empty, i.e. whether a wake-up must be posted.
class quorum_mailbox {
public:
    bool push(quorum_update u) {
        std::lock_guard lock(mutex_);
        updates_.push_back(std::move(u));
        return updates_.size() == 1;
    }
    std::vector<quorum_update> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(updates_, {});
    }

private:
    std::mutex mutex_;
    std::vector<quorum_update> updates_;
};

class quorum_driver {
public:
    struct proposed {
        int64_t last_offset;
        int32_t epoch;
    };

    // Opens the raft log and quorum state in `dir`. `notify` is called on the quorum thread whenever the
    // mailbox went from empty to non-empty. `before_log_sync` (tests) runs before each fsync of the raft log.
    static result<std::unique_ptr<quorum_driver>> open(asio::any_io_executor executor, const std::filesystem::path& dir,
                                                       int32_t self, const std::vector<quorum_voter>& voters,
                                                       const quorum_settings& settings, std::string cluster_id,
                                                       std::shared_ptr<net::link_faults> faults,
                                                       std::function<void()> before_log_sync, quorum_mailbox& mailbox,
                                                       std::function<void()> notify);
    ~quorum_driver();
    quorum_driver(const quorum_driver&) = delete;
    quorum_driver& operator=(const quorum_driver&) = delete;

    // Read-only facts from open(), safe on any thread afterwards.
    int64_t initial_start_offset() const { return initial_start_; }
    int64_t initial_end_offset() const { return initial_end_; }

    // Everything below runs on the quorum thread.
    // Hands the latest snapshot to the broker side (first of all, before the raft node runs, as a restart
    // loads its snapshot before replaying the log); an unreadable one is an error.
    result<void> hand_over_snapshot();
    // Resumes the raft node (a quorum of one elects itself and commits at once) and starts ticking.
    result<void> start();
    // Stops ticking and sending, closes the peer connections, drops the requests it was answering.
    void stop();
    void resign();
    // Leader only: appends the payloads (fsynced before this returns).
    result<proposed> propose(std::vector<raft::bytes> payloads);
    // A request from another voter; `answer` gets the raft node's response, or is dropped after `bound_ms`.
    void receive(raft::node_id from, raft::message request, int64_t bound_ms, reply<raft::message> answer);
    // A snapshot of the state machine up to `end`, written by the broker side.
    void create_snapshot(int64_t end, raft::bytes state);
    protocol::describe_quorum_response::partition describe() const;

private:
    quorum_driver(asio::any_io_executor executor, int32_t self, std::vector<quorum_voter> voters, int64_t tick_ms,
                  int64_t request_timeout_ms, std::string cluster_id, quorum_mailbox& mailbox,
                  std::function<void()> notify);
    int64_t now() const;
    quorum_status status() const;
    // After anything the node saw: send its outbox, hand over what committed.
    void after_event();
    void dispatch_outbox();
    void publish();
    awaitable<void> send_request(raft::envelope env);
    awaitable<void> tick_loop();
    void expire_inbound(int64_t now_ms);

    struct inbound {
        reply<raft::message> answer;
        int64_t deadline_ms;
    };
    asio::any_io_executor executor_;
    int32_t self_;
    std::vector<quorum_voter> voters_;
    int64_t tick_ms_;
    int64_t request_timeout_ms_;
    std::string cluster_id_;
    quorum_mailbox& mailbox_;
    std::function<void()> notify_;
    std::unique_ptr<raft::persistent_log> log_;
    std::unique_ptr<raft::file_quorum_state_store> store_;
    std::unique_ptr<raft::raft_node> node_;
    std::map<int32_t, std::unique_ptr<quorum_peer>> peers_;
    int64_t initial_start_ = 0;
    int64_t initial_end_ = 0;
    int64_t delivered_ = 0;  // entries below it were handed over
    // The snapshot the broker side holds or is about to (handed over, or written from its state).
    std::optional<raft::offset_and_epoch> known_snapshot_;
    bool read_failed_ = false;
    std::optional<quorum_status> published_;  // what the broker side was last told
    int64_t published_end_ = -1;
    uint64_t next_inbound_id_ = uint64_t{1} << 62;  // correlation ids of requests from peers, apart from raft's
    std::map<uint64_t, inbound> inbound_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::unique_ptr<asio::steady_timer> tick_timer_;
    bool failure_reported_ = false;
};

}  // namespace sluice::broker
