#include "engine/broker/metadata_quorum.h"

#include <iostream>
#include <random>

#include "engine/common/clock.h"

namespace sluice::broker {

using protocol::error_code;

namespace {
constexpr std::string_view log_dir_name = "__cluster_metadata-0";
// How long a proposal may wait for its commit before the caller is told REQUEST_TIMED_OUT.
constexpr auto proposal_bound = std::chrono::seconds(30);

error not_controller(std::optional<int32_t> leader) {
    return make_error(error_code::not_controller,
                      "This node is not the active controller" +
                          (leader ? "; the controller is node " + std::to_string(*leader) : std::string()));
}
}  // namespace

// A proposal waiting on the io thread for its commit (or for the leadership to go).
struct metadata_quorum::waiter {
    waiter(asio::io_context& io, int32_t e) : timer(io, asio::steady_timer::time_point::max()), epoch(e) {}
    asio::steady_timer timer;
    int32_t epoch;  // the leader epoch it was appended in
    std::optional<result<int64_t>> outcome;
};

quorum_settings quorum_settings::from_config(const metadata::config_values& v) {
    quorum_settings s;
    s.election_timeout_ms = v.get_int("controller.quorum.election.timeout.ms");
    s.fetch_timeout_ms = v.get_int("controller.quorum.fetch.timeout.ms");
    s.election_backoff_max_ms = v.get_int("controller.quorum.election.backoff.max.ms");
    s.request_timeout_ms = v.get_int("controller.quorum.request.timeout.ms");
    s.snapshot_max_new_record_bytes = v.get_int("metadata.log.max.record.bytes.between.snapshots");
    s.snapshot_max_interval_ms = v.get_int("metadata.log.max.snapshot.interval.ms");
    s.log_segment_bytes = static_cast<int32_t>(v.get_int("metadata.log.segment.bytes"));
    return s;
}

metadata_quorum::metadata_quorum(asio::io_context& io, int32_t self, std::vector<quorum_voter> voters,
                                 quorum_settings settings, std::string cluster_id)
    : io_(io), self_(self), voters_(std::move(voters)), settings_(settings), cluster_id_(std::move(cluster_id)) {}

metadata_quorum::~metadata_quorum() { stop(); }

result<std::unique_ptr<metadata_quorum>> metadata_quorum::open(asio::io_context& io,
                                                               const std::filesystem::path& data_dir, int32_t self,
                                                               std::vector<quorum_voter> voters,
                                                               quorum_settings settings, std::string cluster_id,
                                                               std::shared_ptr<net::link_faults> faults,
                                                               std::function<void()> before_log_sync) {
    bool listed = false;
    for (const auto& v : voters) listed |= v.id == self;
    if (!listed)
        return make_error(error_code::invalid_config, "node.id " + std::to_string(self) +
                                                          " is not one of controller.quorum.voters (observers are "
                                                          "not supported)");
    std::unique_ptr<metadata_quorum> q(new metadata_quorum(io, self, std::move(voters), settings, std::move(cluster_id)));
    metadata_quorum* raw = q.get();
    // The quorum thread wakes the io thread when its mailbox fills; the io thread runs only while this object
    // lives (the node joins it before destroying its components), so the posted drain may use `raw`.
    auto driver = quorum_driver::open(q->thread_.executor(), data_dir / std::string(log_dir_name), self, q->voters_,
                                      settings, q->cluster_id_, faults, std::move(before_log_sync), q->mailbox_,
                                      [raw] { asio::post(raw->io_, [raw] { raw->drain(); }); });
    if (!driver) return driver.err();
    q->driver_ = std::move(driver.value());
    q->applied_ = q->driver_->initial_start_offset();
    q->startup_end_ = q->driver_->initial_end_offset();
    for (const auto& v : q->voters_) {
        if (v.id == self) continue;
        auto address = v.host + ":" + std::to_string(v.port);
        q->forward_peers_.emplace(
            v.id, std::make_unique<quorum_peer>(io.get_executor(), v.id, address, settings.retry_backoff_ms * 5, 2000,
                                                net::link_between(faults, self, v.id), settings.peer_security));
    }
    return q;
}

int64_t metadata_quorum::now() const { return wall_clock_ms(); }

bool metadata_quorum::caught_up() const {
    return is_leader() && status_.high_watermark >= 0 && applied_ >= status_.high_watermark;
}

result<void> metadata_quorum::start() {
    last_snapshot_ms_ = now();
    thread_.start();
    quorum_driver* d = driver_.get();
    // The snapshot first: one that cannot be read or loaded fails the start before the raft node runs.
    (void)thread_.call([d] { return d->hand_over_snapshot(); });
    drain();
    if (snapshot_failure_) return *snapshot_failure_;
    if (auto r = thread_.call([d] { return d->start(); }); !r) return r;
    drain();
    if (snapshot_failure_) return *snapshot_failure_;
    started_ = true;
    return {};
}

void metadata_quorum::stop() {
    if (stopped_) return;
    stopped_ = true;
    for (auto& [id, p] : forward_peers_) p->close();
    for (auto& [offset, w] : proposals_) {
        w->outcome = make_error(error_code::not_controller, "the node is shutting down");
        w->timer.cancel();
    }
    proposals_.clear();
    if (thread_.running()) {
        quorum_driver* d = driver_.get();
        thread_.call([d] { d->stop(); });
    }
    thread_.stop();
    (void)mailbox_.take();
    pending_.clear();
}

bool metadata_quorum::resign_for_shutdown() {
    if (stopped_ || single_voter() || !is_leader()) return false;
    quorum_driver* d = driver_.get();
    asio::post(thread_.executor(), [d] { d->resign(); });
    return true;
}

void metadata_quorum::drain() {
    for (auto& u : mailbox_.take()) pending_.push_back(std::move(u));
    if (draining_ || stopped_) return;
    draining_ = true;
    while (!pending_.empty() && !stopped_) {
        auto u = std::move(pending_.front());
        pending_.pop_front();
        take(std::move(u));
        for (auto& later : mailbox_.take()) pending_.push_back(std::move(later));
    }
    draining_ = false;
    if (stopped_) return;
    maybe_snapshot();
    settle_proposals();
}

void metadata_quorum::take(quorum_update u) {
    auto fail = [&](error e) {
        if (started_) std::cerr << "sluice: metadata quorum stops applying records: " << e.message << "\n";
        snapshot_failure_ = std::move(e);
    };
    if (u.failure && !snapshot_failure_) fail(std::move(*u.failure));
    if (u.load && !snapshot_failure_) {
        if (snapshot_hooks_.load)
            if (auto loaded = snapshot_hooks_.load(u.load->id.offset.value(), u.load->data); !loaded)
                fail(make_error(loaded.err().code, "cannot load the metadata snapshot " + u.load->file_name + ": " +
                                                       loaded.err().message));
        if (!snapshot_failure_) {
            // The log after the snapshot follows on; entries before it are in the state already.
            applied_ = std::max(applied_, u.load->id.offset.value());
            bytes_since_snapshot_ = 0;
        }
    }
    if (!snapshot_failure_) {
        bytes_since_snapshot_ += u.committed_bytes;
        if (!u.entries.empty() && on_commit_) on_commit_(u.entries);
        applied_ = std::max(applied_, u.applied_end);
    }
    status_ = u.status;
}

// Kafka's rule: a snapshot once enough bytes were committed since the last one, or once the interval has
// passed with something new. The image is encoded here, on the io thread, where it is exactly the state at
// applied_ (the metadata image is small; KRaft writes it in the background from an immutable image); the
// file is written and fsynced on the quorum thread.
void metadata_quorum::maybe_snapshot() {
    if (snapshot_failure_ || !snapshot_hooks_.write || applied_ <= std::max<int64_t>(0, snapshot_offset())) return;
    int64_t t = now();
    bool by_bytes = bytes_since_snapshot_ >= settings_.snapshot_max_new_record_bytes;
    bool by_time =
        settings_.snapshot_max_interval_ms > 0 && t - last_snapshot_ms_ >= settings_.snapshot_max_interval_ms;
    if (!by_bytes && !by_time) return;
    last_snapshot_ms_ = t;
    bytes_since_snapshot_ = 0;  // also after a failure: retry at the next threshold, not at every event
    quorum_driver* d = driver_.get();
    asio::post(thread_.executor(), [d, end = applied_, state = snapshot_hooks_.write()]() mutable {
        d->create_snapshot(end, std::move(state));
    });
}

void metadata_quorum::settle_proposals() {
    // Leadership lost (or a new epoch): what we proposed may or may not commit; the caller is told to retry
    // at the new controller.
    for (auto it = proposals_.begin(); it != proposals_.end();) {
        bool leading = is_leader() && epoch() == it->second->epoch;
        if (it->first < applied_) {
            it->second->outcome = it->first;
        } else if (!leading) {
            it->second->outcome = not_controller(leader());
        } else {
            ++it;
            continue;
        }
        it->second->timer.cancel();
        it = proposals_.erase(it);
    }
}

result<int64_t> metadata_quorum::propose_now(std::vector<raft::bytes> payloads) {
    if (stopped_ || !single_voter() || !is_leader()) return not_controller(leader());
    quorum_driver* d = driver_.get();
    auto proposed = thread_.call([d, p = std::move(payloads)]() mutable { return d->propose(std::move(p)); });
    if (!proposed) return proposed.err();
    drain();  // the quorum thread committed it (a quorum of one) and handed it over before answering
    if (applied_ <= proposed->last_offset)
        return make_error(error_code::unknown_server_error, "quorum: a quorum of one did not commit at once");
    return proposed->last_offset;
}

awaitable<result<int64_t>> metadata_quorum::propose(std::vector<raft::bytes> payloads) {
    if (stopped_ || !is_leader()) co_return not_controller(leader());
    quorum_driver* d = driver_.get();
    // Named, not a temporary inside the co_await: GCC 12 destroys such temporaries' captures twice.
    auto append = [d, p = std::move(payloads)](reply<result<quorum_driver::proposed>> answer) mutable {
        answer(d->propose(std::move(p)));
    };
    auto proposed = co_await ask_on<result<quorum_driver::proposed>>(
        thread_.executor(), std::chrono::duration_cast<std::chrono::milliseconds>(proposal_bound), std::move(append));
    if (!proposed) co_return make_error(error_code::request_timed_out, "quorum: the proposal was not appended in time");
    if (!*proposed) co_return proposed->err();
    if (stopped_) co_return not_controller(std::nullopt);
    auto w = std::make_shared<waiter>(io_, (*proposed)->epoch);
    w->timer.expires_after(proposal_bound);
    proposals_.emplace((*proposed)->last_offset, w);
    settle_proposals();
    if (!w->outcome) {
        boost::system::error_code ec;
        co_await w->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!w->outcome) {
        for (auto it = proposals_.begin(); it != proposals_.end(); ++it)
            if (it->second == w) {
                proposals_.erase(it);
                break;
            }
        co_return make_error(error_code::request_timed_out, "quorum: the proposal was not committed in time");
    }
    co_return *w->outcome;
}

awaitable<result<raft::message>> metadata_quorum::handle(raft::node_id from, raft::message request) {
    if (stopped_ || !started_) co_return make_error(error_code::not_controller, "the metadata quorum is not running");
    int64_t bound = settings_.request_timeout_ms;
    if (const auto* f = std::get_if<raft::fetch_request>(&request)) bound += std::max(0, f->max_wait_ms);
    quorum_driver* d = driver_.get();
    auto feed = [d, from, bound, req = std::move(request)](reply<raft::message> r) mutable {
        d->receive(from, std::move(req), bound, std::move(r));
    };
    auto answer = co_await ask_on<raft::message>(thread_.executor(), std::chrono::milliseconds(bound), std::move(feed));
    if (!answer) co_return make_error(error_code::request_timed_out, "quorum: no answer from the raft node");
    co_return std::move(*answer);
}

awaitable<protocol::describe_quorum_response::partition> metadata_quorum::describe() {
    if (!stopped_ && started_) {
        quorum_driver* d = driver_.get();
        auto ask = [d](reply<protocol::describe_quorum_response::partition> r) { r(d->describe()); };
        auto answer = co_await ask_on<protocol::describe_quorum_response::partition>(
            thread_.executor(), std::chrono::milliseconds(settings_.request_timeout_ms), std::move(ask));
        if (answer) co_return std::move(*answer);
    }
    // The quorum thread is gone (stopping): what the io thread knows, without the voters' progress.
    protocol::describe_quorum_response::partition p;
    p.partition_index = 0;
    p.leader_id = leader().value_or(-1);
    p.leader_epoch = epoch();
    p.high_watermark = high_watermark();
    for (const auto& v : voters_) {
        protocol::describe_quorum_response::replica_state r;
        r.replica_id = v.id;
        r.log_end_offset = -1;
        p.current_voters.push_back(r);
    }
    co_return p;
}

awaitable<result<client::async_connection*>> metadata_quorum::connection_to(int32_t voter) {
    auto it = forward_peers_.find(voter);
    if (it == forward_peers_.end())
        co_return make_error(error_code::invalid_request, "quorum: " + std::to_string(voter) + " is not another voter");
    co_return co_await it->second->connection();
}

}  // namespace sluice::broker
