#include "engine/broker/metadata_writer.h"

// GCC 12 (PR 109224) takes an inlined Asio coroutine frame's allocation and release, both Asio's own
// awaitable_frame_base operators, for a mismatched new/delete pair: a false positive.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <iostream>

#include "engine/common/clock.h"
#include "engine/protocol/messages/broker_heartbeat.h"
#include "engine/protocol/messages/broker_registration.h"
#include "engine/protocol/messages/create_topics.h"

namespace sluice::broker {

using protocol::error_code;

namespace {
// How long a change may wait for its turn, or for a new leader to apply the log it inherited.
constexpr auto turn_bound = std::chrono::seconds(30);
constexpr int64_t catch_up_bound_ms = 5000;

error not_controller(std::optional<int32_t> leader) {
    return make_error(error_code::not_controller,
                      "This node is not the active controller" +
                          (leader ? "; the controller is node " + std::to_string(*leader) : std::string()));
}

// BrokerRegistration carries every client listener; the first is the one the other nodes reach this one on.
protocol::broker_registration_request registration_request(const metadata::register_broker_record& self,
                                                           const std::string& cluster_id,
                                                           const metadata::uuid& incarnation) {
    protocol::broker_registration_request request;
    request.broker_id = self.broker_id;
    request.cluster_id = cluster_id;
    request.incarnation_id = incarnation;
    for (const auto& e : self.endpoints)
        request.listeners.push_back({e.name, e.host, static_cast<uint16_t>(e.port), e.security_protocol});
    request.rack = self.rack;
    return request;
}

awaitable<void> sleep_for(asio::io_context& io, std::chrono::milliseconds d) {
    asio::steady_timer t(io, d);
    boost::system::error_code ec;
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}
}  // namespace

std::vector<raft::bytes> encode_records(const metadata::controller::records& records) {
    std::vector<raft::bytes> out;
    out.reserve(records.size());
    for (const auto& r : records) out.push_back(metadata::encode_record(r));
    return out;
}

result<void> metadata_writer::submit_now(const plan& p) {
    if (!quorum_.single_voter() || !quorum_.is_leader()) return not_controller(quorum_.leader());
    if (busy_) return make_error(error_code::request_timed_out, "the controller is busy; try again");
    auto records = p(controller_);
    if (!records) return records.err();
    if (records->empty()) return {};
    auto committed = quorum_.propose_now(encode_records(*records));
    if (!committed) return committed.err();
    return {};
}

awaitable<result<void>> metadata_writer::acquire() {
    while (busy_) {
        auto timer = std::make_shared<asio::steady_timer>(io_, turn_bound);
        queue_.push_back(timer);
        boost::system::error_code ec;
        co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (!ec) co_return make_error(error_code::request_timed_out, "the controller is busy; try again");
    }
    busy_ = true;
    co_return result<void>{};
}

void metadata_writer::release() {
    busy_ = false;
    if (!queue_.empty()) {
        queue_.front()->cancel();
        queue_.pop_front();
    }
}

// A quorum of one takes this path too, so the change's append and fsync on the quorum thread never hold the
// io thread (submit_now would wait for them).
awaitable<result<void>> metadata_writer::submit(plan p) {
    if (!quorum_.is_leader()) co_return not_controller(quorum_.leader());
    if (auto turn = co_await acquire(); !turn) co_return turn;
    struct releaser {
        metadata_writer* w;
        ~releaser() { w->release(); }
    } release_at_exit{this};
    // A new leader first applies what its predecessors committed (its own epoch's first entry commits with it).
    for (int64_t waited = 0; !quorum_.caught_up(); waited += 10) {
        if (!quorum_.is_leader() || waited >= catch_up_bound_ms) co_return not_controller(quorum_.leader());
        co_await sleep_for(io_, std::chrono::milliseconds(10));
    }
    auto records = p(controller_);
    if (!records) co_return records.err();
    if (records->empty()) co_return result<void>{};
    auto committed = co_await quorum_.propose(encode_records(*records));
    if (!committed) co_return committed.err();
    co_return result<void>{};
}

result<void> metadata_writer::create_topic_soon(metadata::new_topic topic) {
    auto plan_it = [topic](const metadata::controller& c) { return c.create_topic(topic, false); };
    // At once on a quorum of one, unless a submit() is between its plan and its commit: planned against an
    // image without that change, this one could contradict it (two creations of one name).
    if (quorum_.single_voter() && !busy_) return submit_now(plan_it);
    if (!creating_.contains(topic.name)) {
        creating_.insert(topic.name);
        asio::co_spawn(io_, create_in_background(std::move(topic)), asio::detached);
    }
    return make_error(error_code::leader_not_available, "the topic is being created; retry");
}

awaitable<void> metadata_writer::create_in_background(metadata::new_topic topic) {
    auto alive = alive_;
    std::string name = topic.name;
    if (quorum_.is_leader()) {
        plan create = [topic](const metadata::controller& c) { return c.create_topic(topic, false); };
        auto created = co_await submit(std::move(create));
        (void)created;  // TOPIC_ALREADY_EXISTS from a concurrent creation is fine; the caller retries anyway
    } else if (auto leader = quorum_.leader()) {
        auto conn = co_await quorum_.connection_to(*leader);
        if (*alive && conn) {
            protocol::create_topics_request request;
            auto& t = request.topics.emplace_back();
            t.name = topic.name;
            t.num_partitions = topic.num_partitions;
            t.replication_factor = topic.replication_factor;
            for (const auto& [k, v] : topic.configs) t.configs.push_back({k, v});
            request.timeout_ms = 10000;
            auto answer = co_await (*conn)->send<protocol::create_topics_api>(request, 4, std::chrono::seconds(15));
            (void)answer;
        }
    }
    if (*alive) creating_.erase(name);
}

void metadata_writer::start_registration(metadata::register_broker_record self, int64_t heartbeat_ms,
                                         int64_t session_timeout_ms) {
    asio::co_spawn(io_, register_loop(std::move(self), heartbeat_ms), asio::detached);
    asio::co_spawn(io_, fence_loop(session_timeout_ms), asio::detached);
}

awaitable<result<void>> metadata_writer::heartbeat(int32_t broker) {
    if (!quorum_.is_leader()) co_return not_controller(quorum_.leader());
    if (heartbeat_epoch_ != quorum_.epoch()) {
        last_heartbeat_.clear();
        heartbeat_epoch_ = quorum_.epoch();
    }
    last_heartbeat_[broker] = steady_clock_ms();
    auto b = controller_.image().brokers().find(broker);
    if (b == controller_.image().brokers().end() || !b->second.fenced) co_return result<void>{};
    plan unfence = [broker](const metadata::controller& c) { return c.unfence_broker(broker); };
    co_return co_await submit(std::move(unfence));
}

awaitable<void> metadata_writer::fence_loop(int64_t session_timeout_ms) {
    auto alive = alive_;
    while (*alive) {
        co_await sleep_for(io_, std::chrono::milliseconds(std::max<int64_t>(100, session_timeout_ms / 4)));
        if (!*alive) co_return;
        if (!quorum_.is_leader() || !quorum_.caught_up()) continue;
        if (heartbeat_epoch_ != quorum_.epoch()) {
            last_heartbeat_.clear();  // a new leader gives every broker a full session to find it
            heartbeat_epoch_ = quorum_.epoch();
        }
        int64_t now = steady_clock_ms();
        std::vector<int32_t> silent;
        for (const auto& [id, b] : controller_.image().brokers()) {
            if (id == quorum_.self() || b.fenced) continue;
            auto [it, fresh] = last_heartbeat_.emplace(id, now);
            if (!fresh && now - it->second > session_timeout_ms) silent.push_back(id);
        }
        for (int32_t id : silent) {
            plan fence = [id](const metadata::controller& c) { return c.fence_broker(id); };
            auto fenced = co_await submit(std::move(fence));
            if (!*alive) co_return;
            if (fenced) std::cerr << "sluice: fenced broker " << id << " (no heartbeat for " << session_timeout_ms << " ms)\n";
        }
        // Preferred leaders back, every leader.imbalance.check.interval.seconds (auto.leader.rebalance.enable).
        auto sources = controller_.sources();
        int64_t interval_ms = metadata::broker_config_int(sources, "leader.imbalance.check.interval.seconds") * 1000;
        if (metadata::broker_config_value(sources, "auto.leader.rebalance.enable") == "true" &&
            now - last_rebalance_ms_ >= interval_ms) {
            last_rebalance_ms_ = now;
            plan rebalance = [](const metadata::controller& c) { return c.preferred_leaders(); };
            (void)co_await submit(std::move(rebalance));
            if (!*alive) co_return;
        }
    }
}

void metadata_writer::stop() {
    *alive_ = false;
    for (auto& t : queue_) t->cancel();
    queue_.clear();
}

awaitable<void> metadata_writer::register_loop(metadata::register_broker_record wanted, int64_t heartbeat_ms) {
    auto alive = alive_;
    int32_t self = quorum_.self();
    wanted.broker_id = self;
    auto incarnation = metadata::random_uuid();
    while (*alive) {
        auto records = controller_.register_broker(wanted);
        if (records && records->empty()) break;  // the image has us
        if (quorum_.is_leader()) {
            plan registration = [=](const metadata::controller& c) { return c.register_broker(wanted); };
            auto done = co_await submit(std::move(registration));
            if (!*alive) co_return;
            if (done) continue;
        } else if (auto leader = quorum_.leader()) {
            auto conn = co_await quorum_.connection_to(*leader);
            if (!*alive) co_return;
            if (conn) {
                auto answer = co_await (*conn)->send<protocol::broker_registration_api>(
                    registration_request(wanted, quorum_.cluster_id(), incarnation), 0, std::chrono::seconds(5));
                if (!*alive) co_return;
                if (answer && answer->error_code != 0 &&
                    answer->error_code != static_cast<int16_t>(error_code::not_controller))
                    std::cerr << "sluice: broker registration refused by node " << *leader << ": error "
                              << answer->error_code << "\n";
            }
        }
        co_await sleep_for(io_, std::chrono::milliseconds(200));
    }
    // Registered: heartbeat to the controller for as long as the node runs.
    while (*alive) {
        if (quorum_.is_leader()) {
            auto beat = co_await heartbeat(self);
            (void)beat;
        } else if (auto leader = quorum_.leader()) {
            auto conn = co_await quorum_.connection_to(*leader);
            if (!*alive) co_return;
            if (conn) {
                protocol::broker_heartbeat_request request;
                request.broker_id = self;
                request.current_metadata_offset = quorum_.applied_offset();
                auto answer = co_await (*conn)->send<protocol::broker_heartbeat_api>(request, 0, std::chrono::seconds(5));
                (void)answer;
            }
        }
        if (!*alive) co_return;
        co_await sleep_for(io_, std::chrono::milliseconds(heartbeat_ms));
    }
}

}  // namespace sluice::broker
