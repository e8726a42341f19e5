#include "engine/broker/replica_manager.h"

#include <algorithm>
#include <set>

#include "engine/broker/broker_metrics.h"
#include "engine/common/clock.h"

namespace sluice::broker {

replica_manager::replica_manager(asio::io_context& io, int32_t node_id, log_manager& logs,
                                 metadata::controller& controller, replica_settings settings, isr_change_sink sink)
    : io_(io), node_id_(node_id), logs_(logs), controller_(controller), settings_(settings), sink_(std::move(sink)),
      tick_(io) {}

replica_manager::~replica_manager() { stop(); }

void replica_manager::start() {
    apply_image(controller_.image());
    controller_.subscribe([this](const metadata::metadata_image& image, std::span<const metadata::metadata_record>) {
        if (!stopped_) apply_image(image);
    });
    schedule_tick();
}

void replica_manager::stop() {
    if (stopped_) return;
    stopped_ = true;
    tick_.cancel();
    for (auto& [leader, fetcher] : fetchers_) fetcher->stop();
    fetchers_.clear();
}

std::string replica_manager::address_of(const metadata::metadata_image& image, int32_t broker) const {
    auto it = image.brokers().find(broker);
    if (it == image.brokers().end()) return {};
    return it->second.host + ":" + std::to_string(it->second.port);
}

void replica_manager::apply_image(const metadata::metadata_image& image) {
    const int64_t now = steady_clock_ms();
    std::set<int32_t> leaders_followed;
    for (const auto& [name, topic] : image.topics())
        for (const auto& [index, state] : topic.partitions) {
            partition* p = logs_.find(name, index);
            if (p == nullptr) continue;  // not a replica here
            if (state.leader == node_id_) {
                std::optional<std::vector<replication::replica_id>> isr_before;
                if (p->leadership()) isr_before = p->leadership()->isr();
                p->become_leader(node_id_, state, now);
                if (isr_before && p->leadership()) count_isr_change(*isr_before, p->leadership()->isr());
                continue;
            }
            if (p->role() != replica_role::follower || p->leader_id() != state.leader ||
                p->leader_epoch() != state.leader_epoch)
                p->become_follower(state);
            if (state.leader >= 0) leaders_followed.insert(state.leader);
        }
    // One fetcher per leader we follow; leaders we no longer follow lose theirs.
    for (auto it = fetchers_.begin(); it != fetchers_.end();) {
        if (leaders_followed.contains(it->first)) {
            ++it;
            continue;
        }
        it->second->stop();
        it = fetchers_.erase(it);
    }
    for (int32_t leader : leaders_followed) {
        std::string address = address_of(image, leader);
        if (address.empty()) continue;  // not registered yet: the next image names it
        auto& fetcher = fetchers_[leader];
        if (fetcher) {
            fetcher->set_address(address);
            continue;
        }
        fetcher_settings settings;
        settings.replica_id = node_id_;
        settings.max_wait_ms = settings_.fetch_wait_max_ms;
        settings.partition_max_bytes = settings_.fetch_max_bytes;
        settings.link = net::link_between(settings_.link_faults, node_id_, leader);
        settings.security = settings_.peer_security;
        if (settings_.metrics) settings.bytes_in = &settings_.metrics->replication_bytes_in;
        fetcher = std::make_unique<replica_fetcher>(io_, address, settings, logs_,
                                                    [this, leader] { return followed_from(leader); });
        fetcher->start();
    }
}

// Kafka counts IsrShrinksPerSec/IsrExpandsPerSec on the leader once its ISR change is committed: here, when
// the committed ISR reaches a partition this node went on leading. A change that both drops and adds a
// replica counts as both.
void replica_manager::count_isr_change(const std::vector<replication::replica_id>& before,
                                       const std::vector<replication::replica_id>& after) {
    if (settings_.metrics == nullptr) return;
    auto has = [](const auto& isr, replication::replica_id id) {
        return std::find(isr.begin(), isr.end(), id) != isr.end();
    };
    bool shrunk = std::any_of(before.begin(), before.end(), [&](auto id) { return !has(after, id); });
    bool expanded = std::any_of(after.begin(), after.end(), [&](auto id) { return !has(before, id); });
    if (shrunk) settings_.metrics->isr_shrinks.add();
    if (expanded) settings_.metrics->isr_expands.add();
}

std::vector<std::pair<std::string, int32_t>> replica_manager::followed_from(int32_t leader) const {
    std::vector<std::pair<std::string, int32_t>> out;
    for (const auto& [name, partitions] : logs_.topics())
        for (const auto& [index, p] : partitions)
            if (p->role() == replica_role::follower && p->leader_id() == leader) out.emplace_back(name, index);
    return out;
}

void replica_manager::schedule_tick() {
    tick_.expires_after(std::chrono::milliseconds(settings_.tick_ms));
    tick_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        const int64_t now = steady_clock_ms();
        for (const auto& [name, partitions] : logs_.topics())
            for (const auto& [index, p] : partitions) {
                p->expire_waiters(now);
                if (!p->is_leader()) continue;
                if (auto change = p->next_isr_change(now, settings_.lag_time_max_ms)) sink_(name, index, *change);
            }
        schedule_tick();
    });
}

}  // namespace sluice::broker
