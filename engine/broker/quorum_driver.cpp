#include "engine/broker/quorum_driver.h"

#include <iostream>
#include <random>

#include "engine/broker/metadata_quorum.h"
#include "engine/common/clock.h"
#include "engine/raft/wire.h"

namespace sluice::broker {

using protocol::error_code;

namespace {
// At most this many committed entries per quorum_update: the broker side applies one update per turn.
constexpr std::size_t entries_per_update = 1000;

error not_controller(std::optional<raft::node_id> leader) {
    return make_error(error_code::not_controller,
                      "This node is not the active controller" +
                          (leader ? "; the controller is node " + std::to_string(leader->value()) : std::string()));
}
}  // namespace

quorum_driver::quorum_driver(asio::any_io_executor executor, int32_t self, std::vector<quorum_voter> voters,
                             int64_t tick_ms, int64_t request_timeout_ms, std::string cluster_id,
                             quorum_mailbox& mailbox, std::function<void()> notify)
    : executor_(std::move(executor)),
      self_(self),
      voters_(std::move(voters)),
      tick_ms_(tick_ms),
      request_timeout_ms_(request_timeout_ms),
      cluster_id_(std::move(cluster_id)),
      mailbox_(mailbox),
      notify_(std::move(notify)) {}

quorum_driver::~quorum_driver() { *alive_ = false; }

result<std::unique_ptr<quorum_driver>> quorum_driver::open(asio::any_io_executor executor,
                                                           const std::filesystem::path& dir, int32_t self,
                                                           const std::vector<quorum_voter>& voters,
                                                           const quorum_settings& settings, std::string cluster_id,
                                                           std::shared_ptr<net::link_faults> faults,
                                                           std::function<void()> before_log_sync,
                                                           quorum_mailbox& mailbox, std::function<void()> notify) {
    std::unique_ptr<quorum_driver> d(new quorum_driver(executor, self, voters, settings.tick_ms,
                                                       settings.request_timeout_ms, std::move(cluster_id), mailbox,
                                                       std::move(notify)));
    auto log_cfg = raft::persistent_log::raft_log_config();
    log_cfg.segment_bytes = settings.log_segment_bytes;
    auto log = raft::persistent_log::open(dir, true, log_cfg);
    if (!log) return log.err();
    d->log_ = std::move(log.value());
    if (before_log_sync) d->log_->set_before_sync(std::move(before_log_sync));
    std::vector<raft::node_id> ids;
    for (const auto& v : voters) ids.push_back(raft::node_id{v.id});
    d->store_ = std::make_unique<raft::file_quorum_state_store>(dir / "quorum-state", ids);
    raft::raft_config cfg;
    cfg.id = raft::node_id{self};
    cfg.voters = ids;
    cfg.election_timeout_ms = settings.election_timeout_ms;
    cfg.fetch_timeout_ms = settings.fetch_timeout_ms;
    cfg.election_backoff_max_ms = settings.election_backoff_max_ms;
    cfg.request_timeout_ms = settings.request_timeout_ms;
    cfg.retry_backoff_ms = settings.retry_backoff_ms;
    cfg.seed = std::random_device{}();
    d->node_ = std::make_unique<raft::raft_node>(cfg, *d->log_, *d->store_);
    d->initial_start_ = d->log_->start_offset().value();
    d->initial_end_ = d->log_->end_offset().value();
    d->delivered_ = d->initial_start_;
    for (const auto& v : voters) {
        if (v.id == self) continue;
        auto address = v.host + ":" + std::to_string(v.port);
        d->peers_.emplace(v.id,
                          std::make_unique<quorum_peer>(executor, v.id, address, settings.retry_backoff_ms * 5, 2000,
                                                        net::link_between(faults, self, v.id), settings.peer_security));
    }
    return d;
}

int64_t quorum_driver::now() const { return wall_clock_ms(); }

quorum_status quorum_driver::status() const {
    quorum_status s;
    s.epoch = node_->epoch().value();
    if (auto l = node_->leader()) s.leader = l->value();
    s.role = node_->current_role();
    s.high_watermark = node_->high_watermark().value();
    s.log_start_offset = log_->start_offset().value();
    if (auto id = log_->latest_snapshot()) s.snapshot_offset = id->offset.value();
    return s;
}

result<void> quorum_driver::hand_over_snapshot() {
    publish();
    if (read_failed_) return make_error(error_code::kafka_storage_error, "the metadata snapshot cannot be read");
    return {};
}

result<void> quorum_driver::start() {
    if (auto r = node_->start(now()); !r) return r;
    after_event();
    tick_timer_ = std::make_unique<asio::steady_timer>(executor_);
    asio::co_spawn(executor_, tick_loop(), asio::detached);
    return {};
}

void quorum_driver::stop() {
    if (!*alive_) return;
    *alive_ = false;
    if (tick_timer_) tick_timer_->cancel();
    for (auto& [id, p] : peers_) p->close();
    inbound_.clear();  // each dropped reply tells its waiter "no answer"
}

void quorum_driver::resign() {
    if (!*alive_) return;
    node_->resign(now());
    after_event();
}

awaitable<void> quorum_driver::tick_loop() {
    auto alive = alive_;
    while (*alive) {
        tick_timer_->expires_after(std::chrono::milliseconds(tick_ms_));
        boost::system::error_code ec;
        co_await tick_timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (!*alive) co_return;
        int64_t t = now();
        node_->tick(t);
        expire_inbound(t);
        after_event();
    }
}

void quorum_driver::expire_inbound(int64_t now_ms) {
    for (auto it = inbound_.begin(); it != inbound_.end();)
        it = it->second.deadline_ms <= now_ms ? inbound_.erase(it) : std::next(it);
}

void quorum_driver::after_event() {
    if (!*alive_) return;
    dispatch_outbox();
    publish();
    if (node_->failure() && !failure_reported_) {
        std::cerr << "sluice: metadata quorum stopped: " << node_->failure()->message << "\n";
        failure_reported_ = true;
    }
}

void quorum_driver::dispatch_outbox() {
    for (auto& env : node_->take_outbox()) {
        if (raft::is_response(env.body)) {
            if (auto it = inbound_.find(env.correlation_id); it != inbound_.end()) {
                it->second.answer(std::move(env.body));
                inbound_.erase(it);
            }
            continue;
        }
        if (!peers_.contains(env.to.value())) continue;
        asio::co_spawn(executor_, send_request(std::move(env)), asio::detached);
    }
}

// Hands over, in log order, a snapshot the broker side has not seen (installed from the leader) and what
// committed since, reading both here so that the disk reads stay off the network thread too.
void quorum_driver::publish() {
    for (;;) {
        quorum_update u;
        if (!read_failed_) {
            auto id = log_->latest_snapshot();
            if (id && id != known_snapshot_) {
                auto name = (log_->dir() / raft::persistent_log::snapshot_file_name(*id)).string();
                auto data = log_->read_snapshot(*id);
                if (!data) {
                    u.failure = make_error(data.err().code,
                                           "cannot read the metadata snapshot " + name + ": " + data.err().message);
                    read_failed_ = true;
                } else {
                    u.load = quorum_update::snapshot{*id, name, std::move(data.value())};
                    delivered_ = std::max(delivered_, id->offset.value());
                }
                known_snapshot_ = id;
            }
        }
        bool more = false;
        if (!read_failed_ && delivered_ < node_->high_watermark().value()) {
            auto entries = node_->committed_since(raft::log_offset{delivered_}, entries_per_update);
            for (std::size_t i = 0; i < entries.size(); ++i) {
                u.committed_bytes += static_cast<int64_t>(entries[i].payload.size());
                if (!entries[i].control)
                    u.entries.push_back({delivered_ + static_cast<int64_t>(i), std::move(entries[i].payload)});
            }
            delivered_ += static_cast<int64_t>(entries.size());
            more = !entries.empty() && delivered_ < node_->high_watermark().value();
        }
        u.applied_end = delivered_;
        u.status = status();
        bool news = u.load || u.failure || u.applied_end != published_end_ || published_ != u.status;
        if (!news) return;
        published_ = u.status;
        published_end_ = u.applied_end;
        if (mailbox_.push(std::move(u)) && notify_) notify_();
        if (!more) return;
    }
}

result<quorum_driver::proposed> quorum_driver::propose(std::vector<raft::bytes> payloads) {
    if (!*alive_ || node_->current_role() != raft::role::leader) return not_controller(node_->leader());
    auto offset = node_->propose(std::move(payloads), now());
    if (!offset)
        return offset.err().code == error_code::not_leader_or_follower ? not_controller(node_->leader()) : offset.err();
    proposed p{offset->value(), node_->epoch().value()};
    after_event();
    return p;
}

void quorum_driver::receive(raft::node_id from, raft::message request, int64_t bound_ms, reply<raft::message> answer) {
    if (!*alive_) return;  // the dropped reply says "no answer"
    uint64_t id = next_inbound_id_++;
    inbound_.emplace(id, inbound{std::move(answer), now() + bound_ms});
    node_->receive(raft::envelope{from, raft::node_id{self_}, std::move(request), id}, now());
    after_event();
}

void quorum_driver::create_snapshot(int64_t end, raft::bytes state) {
    if (!*alive_) return;
    // The broker side decided on a view one post old: a snapshot installed from the leader meanwhile may
    // already cover `end`, and an older one written after it would stay beside it.
    if (auto latest = log_->latest_snapshot(); latest && latest->offset.value() >= end) return;
    auto id = node_->create_snapshot(raft::log_offset{end}, std::move(state));
    if (!id) {
        std::cerr << "sluice: cannot write a metadata snapshot at offset " << end << ": " << id.err().message << "\n";
        return;
    }
    known_snapshot_ = *id;  // the broker side wrote it from its state: nothing to load
    after_event();
}

namespace {
// One request to a voter and its answer as a raft message.
template <class Api, class Convert>
awaitable<result<raft::message>> exchange(client::async_connection& conn, typename Api::request request,
                                          int16_t version, std::chrono::milliseconds timeout, Convert convert) {
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
        return exchange<protocol::begin_quorum_epoch_api>(conn, w::to_wire(*m, cluster_id),
                                                          w::begin_quorum_epoch_version, timeout,
                                                          [](const auto& r) { return w::from_wire(r); });
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

awaitable<void> quorum_driver::send_request(raft::envelope env) {
    auto alive = alive_;
    auto& peer = *peers_.at(env.to.value());
    auto conn = co_await peer.connection();
    if (!*alive || !conn) co_return;
    auto reply = co_await exchange_for(**conn, env.body, cluster_id_, std::chrono::milliseconds(request_timeout_ms_));
    // A failed request feeds nothing: the connection closes itself on timeouts and I/O errors, and the node
    // resends after its own timeout.
    if (!*alive || !reply) co_return;
    node_->receive(raft::envelope{env.to, raft::node_id{self_}, std::move(reply.value()), env.correlation_id}, now());
    after_event();
}

protocol::describe_quorum_response::partition quorum_driver::describe() const {
    protocol::describe_quorum_response::partition p;
    p.partition_index = 0;
    p.leader_id = node_->leader() ? node_->leader()->value() : -1;
    p.leader_epoch = node_->epoch().value();
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
