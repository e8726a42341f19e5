#include "engine/broker/metadata_quorum.h"

#include <iostream>
#include <random>

#include "engine/common/clock.h"
#include "engine/raft/wire.h"

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

// One coroutine waiting for something the io thread will fill in: a response or a proposal's outcome.
struct metadata_quorum::waiter {
    explicit waiter(asio::io_context& io) : timer(io, asio::steady_timer::time_point::max()) {}
    asio::steady_timer timer;
    std::optional<raft::message> response;
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

metadata_quorum::~metadata_quorum() { *alive_ = false; }

result<std::unique_ptr<metadata_quorum>> metadata_quorum::open(asio::io_context& io,
                                                               const std::filesystem::path& data_dir, int32_t self,
                                                               std::vector<quorum_voter> voters,
                                                               quorum_settings settings, std::string cluster_id,
                                                               std::shared_ptr<net::link_faults> faults) {
    bool listed = false;
    for (const auto& v : voters) listed |= v.id == self;
    if (!listed)
        return make_error(error_code::invalid_config, "node.id " + std::to_string(self) +
                                                          " is not one of controller.quorum.voters (observers are "
                                                          "not supported)");
    std::unique_ptr<metadata_quorum> q(new metadata_quorum(io, self, std::move(voters), settings, std::move(cluster_id)));
    auto dir = data_dir / std::string(log_dir_name);
    auto log_cfg = raft::persistent_log::raft_log_config();
    log_cfg.segment_bytes = settings.log_segment_bytes;
    auto log = raft::persistent_log::open(dir, true, log_cfg);
    if (!log) return log.err();
    q->log_ = std::move(log.value());
    std::vector<raft::node_id> ids;
    for (const auto& v : q->voters_) ids.push_back(raft::node_id{v.id});
    q->store_ = std::make_unique<raft::file_quorum_state_store>(dir / "quorum-state", ids);
    raft::raft_config cfg;
    cfg.id = raft::node_id{self};
    cfg.voters = ids;
    cfg.election_timeout_ms = settings.election_timeout_ms;
    cfg.fetch_timeout_ms = settings.fetch_timeout_ms;
    cfg.election_backoff_max_ms = settings.election_backoff_max_ms;
    cfg.request_timeout_ms = settings.request_timeout_ms;
    cfg.retry_backoff_ms = settings.retry_backoff_ms;
    cfg.seed = std::random_device{}();
    q->node_ = std::make_unique<raft::raft_node>(cfg, *q->log_, *q->store_);
    q->applied_ = q->log_->start_offset().value();
    q->startup_end_ = q->log_->end_offset().value();
    for (const auto& v : q->voters_) {
        if (v.id == self) continue;
        auto address = v.host + ":" + std::to_string(v.port);
        for (auto* peers : {&q->peers_, &q->forward_peers_})
            peers->emplace(
                v.id, std::make_unique<quorum_peer>(io.get_executor(), v.id, address, settings.retry_backoff_ms * 5,
                                                    2000, net::link_between(faults, self, v.id)));
    }
    return q;
}

int64_t metadata_quorum::now() const { return wall_clock_ms(); }

std::optional<int32_t> metadata_quorum::leader() const {
    auto l = node_->leader();
    return l ? std::optional<int32_t>(l->value()) : std::nullopt;
}

bool metadata_quorum::caught_up() const {
    return is_leader() && node_->high_watermark().value() >= 0 && applied_ >= node_->high_watermark().value();
}

int64_t metadata_quorum::snapshot_offset() const {
    auto id = log_->latest_snapshot();
    return id ? id->offset.value() : -1;
}

result<void> metadata_quorum::start() {
    last_snapshot_ms_ = now();
    if (auto loaded = load_new_snapshot(); !loaded) return loaded;
    if (auto r = node_->start(now()); !r) return r;
    started_ = true;
    after_event();
    tick_timer_ = std::make_unique<asio::steady_timer>(io_);
    asio::co_spawn(io_, tick_loop(), asio::detached);
    return {};
}

void metadata_quorum::stop() {
    if (!*alive_) return;
    *alive_ = false;
    if (tick_timer_) tick_timer_->cancel();
    for (auto& [id, p] : peers_) p->close();
    for (auto& [id, p] : forward_peers_) p->close();
    for (auto& [id, w] : inbound_) w->timer.cancel();
    for (auto& [offset, w] : proposals_) {
        w->outcome = make_error(error_code::not_controller, "the node is shutting down");
        w->timer.cancel();
    }
    proposals_.clear();
}

bool metadata_quorum::resign_for_shutdown() {
    if (!*alive_ || single_voter() || !is_leader()) return false;
    node_->resign(now());
    after_event();
    return true;
}

awaitable<void> metadata_quorum::tick_loop() {
    auto alive = alive_;
    while (*alive) {
        tick_timer_->expires_after(std::chrono::milliseconds(settings_.tick_ms));
        boost::system::error_code ec;
        co_await tick_timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (!*alive) co_return;
        node_->tick(now());
        after_event();
    }
}

void metadata_quorum::after_event() {
    if (!*alive_) return;
    dispatch_outbox();
    if (!snapshot_failure_) {
        if (auto loaded = load_new_snapshot(); !loaded) {
            std::cerr << "sluice: metadata quorum stops applying records: " << loaded.err().message << "\n";
            snapshot_failure_ = loaded.err();
        }
    }
    if (!snapshot_failure_) {
        apply_committed();
        maybe_snapshot();
    }
    settle_proposals();
    if (node_->failure() && !failure_reported_) {
        std::cerr << "sluice: metadata quorum stopped: " << node_->failure()->message << "\n";
        failure_reported_ = true;
    }
}

void metadata_quorum::dispatch_outbox() {
    for (auto& env : node_->take_outbox()) {
        if (raft::is_response(env.body)) {
            if (auto it = inbound_.find(env.correlation_id); it != inbound_.end()) {
                it->second->response = std::move(env.body);
                it->second->timer.cancel();
            }
            continue;
        }
        if (!peers_.contains(env.to.value())) continue;
        asio::co_spawn(io_, send_request(std::move(env)), asio::detached);
    }
}

void metadata_quorum::apply_committed() {
    for (;;) {
        int64_t hw = node_->high_watermark().value();
        if (applied_ >= hw) break;
        auto entries = node_->committed_since(raft::log_offset{applied_}, 1000);
        if (entries.empty()) break;
        std::vector<committed_entry> batch;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            bytes_since_snapshot_ += static_cast<int64_t>(entries[i].payload.size());
            if (!entries[i].control)
                batch.push_back({applied_ + static_cast<int64_t>(i), std::move(entries[i].payload)});
        }
        applied_ += static_cast<int64_t>(entries.size());
        if (!batch.empty() && on_commit_) on_commit_(batch);
    }
}

result<void> metadata_quorum::load_new_snapshot() {
    auto id = log_->latest_snapshot();
    if (!id || id == state_snapshot_) return {};
    auto name = (log_->dir() / raft::persistent_log::snapshot_file_name(*id)).string();
    auto data = log_->read_snapshot(*id);
    if (!data)
        return make_error(data.err().code, "cannot read the metadata snapshot " + name + ": " + data.err().message);
    if (snapshot_hooks_.load)
        if (auto loaded = snapshot_hooks_.load(id->offset.value(), *data); !loaded)
            return make_error(loaded.err().code,
                              "cannot load the metadata snapshot " + name + ": " + loaded.err().message);
    // The log after the snapshot follows on; entries before it are in the state already.
    applied_ = std::max(applied_, id->offset.value());
    state_snapshot_ = id;
    bytes_since_snapshot_ = 0;
    return {};
}

// Kafka's rule: a snapshot once enough bytes were committed since the last one, or once the interval has
// passed with something new. Written on the io thread: the image is exactly the state at applied_ only here
// (the metadata image is small; KRaft writes it in the background from an immutable image).
void metadata_quorum::maybe_snapshot() {
    if (!snapshot_hooks_.write || applied_ <= std::max<int64_t>(0, snapshot_offset())) return;
    int64_t t = now();
    bool by_bytes = bytes_since_snapshot_ >= settings_.snapshot_max_new_record_bytes;
    bool by_time =
        settings_.snapshot_max_interval_ms > 0 && t - last_snapshot_ms_ >= settings_.snapshot_max_interval_ms;
    if (!by_bytes && !by_time) return;
    last_snapshot_ms_ = t;
    bytes_since_snapshot_ = 0;  // also after a failure: retry at the next threshold, not at every event
    auto id = node_->create_snapshot(raft::log_offset{applied_}, snapshot_hooks_.write());
    if (!id) {
        std::cerr << "sluice: cannot write a metadata snapshot at offset " << applied_ << ": " << id.err().message
                  << "\n";
        return;
    }
    state_snapshot_ = *id;
}

void metadata_quorum::settle_proposals() {
    // Leadership lost (or a new epoch): what we proposed may or may not commit; the caller is told to retry
    // at the new controller.
    bool leading = is_leader() && epoch() == proposals_epoch_;
    for (auto it = proposals_.begin(); it != proposals_.end();) {
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
    if (!single_voter() || !is_leader()) return not_controller(leader());
    auto offset = node_->propose(std::move(payloads), now());
    if (!offset) return offset.err().code == error_code::not_leader_or_follower ? not_controller(leader()) : offset.err();
    after_event();
    if (applied_ <= offset->value())
        return make_error(error_code::unknown_server_error, "quorum: a quorum of one did not commit at once");
    return offset->value();
}

awaitable<result<int64_t>> metadata_quorum::propose(std::vector<raft::bytes> payloads) {
    if (!*alive_ || !is_leader()) co_return not_controller(leader());
    auto offset = node_->propose(std::move(payloads), now());
    if (!offset)
        co_return offset.err().code == error_code::not_leader_or_follower ? not_controller(leader()) : offset.err();
    auto w = std::make_shared<waiter>(io_);
    w->timer.expires_after(proposal_bound);
    proposals_epoch_ = epoch();
    proposals_.emplace(offset->value(), w);
    after_event();
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
    if (!*alive_ || !started_) co_return make_error(error_code::not_controller, "the metadata quorum is not running");
    uint64_t id = next_inbound_id_++;
    auto w = std::make_shared<waiter>(io_);
    int64_t bound = settings_.request_timeout_ms;
    if (const auto* f = std::get_if<raft::fetch_request>(&request)) bound += std::max(0, f->max_wait_ms);
    w->timer.expires_after(std::chrono::milliseconds(bound));
    inbound_.emplace(id, w);
    node_->receive(raft::envelope{from, raft::node_id{self_}, std::move(request), id}, now());
    after_event();
    if (!w->response) {
        boost::system::error_code ec;
        co_await w->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    inbound_.erase(id);
    if (!w->response) co_return make_error(error_code::request_timed_out, "quorum: no answer from the raft node");
    co_return std::move(*w->response);
}

awaitable<result<client::async_connection*>> metadata_quorum::connection_to(int32_t voter) {
    auto it = forward_peers_.find(voter);
    if (it == forward_peers_.end())
        co_return make_error(error_code::invalid_request, "quorum: " + std::to_string(voter) + " is not another voter");
    co_return co_await it->second->connection();
}

namespace {
// One request to a voter and its answer as a raft message.
template <class Api, class Convert>
awaitable<result<raft::message>> exchange(client::async_connection& conn, typename Api::request request, int16_t version,
                                          std::chrono::milliseconds timeout, Convert convert) {
    auto reply = co_await conn.send<Api>(request, version, timeout);
    if (!reply) co_return reply.err();
    co_return convert(reply.value());
}

// The exchange for an outbound raft request (a plain function, so each coroutine stays small).
awaitable<result<raft::message>> exchange_for(client::async_connection& conn, const raft::message& body,
                                              const std::string& cluster_id, std::chrono::milliseconds timeout) {
    namespace w = raft::wire;
    if (const auto* m = std::get_if<raft::vote_request>(&body))
        return exchange<protocol::vote_api>(conn, w::to_wire(*m, cluster_id), w::vote_version, timeout,
                                            [](const auto& r) { return w::from_wire(r); });
    if (const auto* m = std::get_if<raft::begin_quorum_epoch_request>(&body))
        return exchange<protocol::begin_quorum_epoch_api>(conn, w::to_wire(*m, cluster_id), w::begin_quorum_epoch_version,
                                                          timeout, [](const auto& r) { return w::from_wire(r); });
    if (const auto* m = std::get_if<raft::end_quorum_epoch_request>(&body))
        return exchange<protocol::end_quorum_epoch_api>(conn, w::to_wire(*m, cluster_id), w::end_quorum_epoch_version,
                                                        timeout, [](const auto& r) { return w::from_wire(r); });
    if (const auto* m = std::get_if<raft::fetch_request>(&body)) {
        auto fetch_offset = m->fetch_offset;
        return exchange<protocol::fetch_api>(conn, w::to_wire(*m, cluster_id), w::fetch_version,
                                             timeout + std::chrono::milliseconds(std::max(0, m->max_wait_ms)),
                                             [fetch_offset](const auto& r) { return w::from_wire(r, fetch_offset); });
    }
    const auto& m = std::get<raft::fetch_snapshot_request>(body);
    return exchange<protocol::fetch_snapshot_api>(conn, w::to_wire(m, cluster_id), w::fetch_snapshot_version, timeout,
                                                  [](const auto& r) { return w::from_wire(r); });
}
}  // namespace

awaitable<void> metadata_quorum::send_request(raft::envelope env) {
    auto alive = alive_;
    auto& peer = *peers_.at(env.to.value());
    auto conn = co_await peer.connection();
    if (!*alive || !conn) co_return;
    auto reply = co_await exchange_for(**conn, env.body, cluster_id_, std::chrono::milliseconds(settings_.request_timeout_ms));
    // A failed request feeds nothing: the connection closes itself on timeouts and I/O errors, and the node
    // resends after its own timeout.
    if (!*alive || !reply) co_return;
    node_->receive(raft::envelope{env.to, raft::node_id{self_}, std::move(reply.value()), env.correlation_id}, now());
    after_event();
}

protocol::describe_quorum_response::partition metadata_quorum::describe() const {
    protocol::describe_quorum_response::partition p;
    p.partition_index = 0;
    p.leader_id = leader().value_or(-1);
    p.leader_epoch = epoch();
    p.high_watermark = node_->high_watermark().value();
    auto states = node_->replica_states();
    for (const auto& v : voters_) {
        protocol::describe_quorum_response::replica_state r;
        r.replica_id = v.id;
        r.log_end_offset = -1;
        if (auto it = states.find(raft::node_id{v.id}); it != states.end()) {
            r.log_end_offset = it->second.log_end_offset.value();
            r.last_fetch_timestamp = it->second.last_fetch_ms;
            r.last_caught_up_timestamp = it->second.last_caught_up_ms;
        } else if (v.id == self_) {
            r.log_end_offset = node_->log_end_offset().value();
        }
        p.current_voters.push_back(r);
    }
    return p;
}

}  // namespace sluice::broker
