// A deterministic world for raft_node: a simulated clock, a network with per-message delay, drops and
// partitions, and voters that can crash and restart on their persisted log and quorum state. No threads,
// no sleeps: one seed replays one schedule exactly.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "engine/raft/raft_node.h"
#include "tests/raft/tracked_log.h"

namespace sluice::raft::test {

struct sim_voter {
    explicit sim_voter(tracked_log::opener open) : log(open ? tracked_log(std::move(open)) : tracked_log()) {}
    tracked_log log;  // survives restarts, like an fsynced log
    memory_quorum_state_store store;
    std::unique_ptr<raft_node> node;  // null while crashed
    int generation = 0;               // bumped by every restart
};

struct network_options {
    int64_t min_delay_ms = 1;
    int64_t max_delay_ms = 5;
    double drop_rate = 0.0;
};

class sim_cluster {
public:
    // Voters 1..n. `tune` adjusts each voter's config (timeouts, chunk sizes); seeds differ per voter.
    // `open_log(i)` makes voter i's log opener (default: memory logs).
    sim_cluster(int n, uint32_t seed, std::function<void(raft_config&)> tune = {}, int64_t step_ms = 1,
                std::function<tracked_log::opener(int)> open_log = {})
        : rng_(seed), step_ms_(step_ms), tune_(std::move(tune)), seed_(seed) {
        for (int i = 1; i <= n; ++i) ids_.push_back(node_id{i});
        for (int i = 0; i < n; ++i) voters_.push_back(std::make_unique<sim_voter>(open_log ? open_log(i) : nullptr));
        for (int i = 0; i < n; ++i) boot(i);
    }

    network_options net;
    // Called for every message the network delivers (tests count message kinds with it).
    std::function<void(const envelope&)> on_deliver;

    int64_t now() const { return now_; }
    int size() const { return static_cast<int>(voters_.size()); }
    sim_voter& voter(int i) { return *voters_[static_cast<std::size_t>(i)]; }
    // By node id (1-based), for readability in tests.
    raft_node& node(int id) { return *voter(id - 1).node; }
    bool alive(int id) { return voter(id - 1).node != nullptr; }

    void step() {
        now_ += step_ms_;
        // Deliver everything due, in send order for equal times.
        while (!in_flight_.empty() && in_flight_.begin()->first.first <= now_) {
            auto env = std::move(in_flight_.begin()->second);
            in_flight_.erase(in_flight_.begin());
            auto& v = voter(env.to.value() - 1);
            if (!v.node) continue;
            if (on_deliver) on_deliver(env);
            v.node->receive(env, now_);
            flush(v);
        }
        for (auto& v : voters_) {
            if (!v->node) continue;
            v->node->tick(now_);
            flush(*v);
        }
    }
    void run_for(int64_t ms) {
        for (int64_t end = now_ + ms; now_ < end;) step();
    }
    // Runs until pred() holds or `limit_ms` passes; returns whether it held.
    bool run_until(const std::function<bool()>& pred, int64_t limit_ms) {
        for (int64_t end = now_ + limit_ms; now_ < end;) {
            if (pred()) return true;
            step();
        }
        return pred();
    }

    // The live leader with the highest epoch, if any.
    std::optional<int> leader() {
        std::optional<int> best;
        for (int i = 0; i < size(); ++i) {
            auto& n = voter(i).node;
            if (n && n->current_role() == role::leader && (!best || n->epoch() > node(*best).epoch())) best = i + 1;
        }
        return best;
    }
    // A leader that every live voter follows in its epoch.
    bool stable() {
        auto l = leader();
        if (!l) return false;
        for (int i = 0; i < size(); ++i) {
            auto& n = voter(i).node;
            if (n && i + 1 != *l && (n->current_role() != role::follower || n->leader() != node_id{*l} ||
                                     n->epoch() != node(*l).epoch()))
                return false;
        }
        return true;
    }

    void block(int a, int b) {
        blocked_.insert({a, b});
        blocked_.insert({b, a});
    }
    void isolate(int a) {
        for (int b = 1; b <= size(); ++b)
            if (b != a) block(a, b);
    }
    void heal() { blocked_.clear(); }

    void crash(int id) {
        auto& v = voter(id - 1);
        v.node.reset();
    }
    void restart(int id) {
        auto& v = voter(id - 1);
        v.node.reset();
        v.log.reopen();
        boot(id - 1);
    }

    std::size_t in_flight() const { return in_flight_.size(); }

private:
    void boot(int i) {
        auto& v = voter(i);
        raft_config cfg;
        cfg.id = ids_[static_cast<std::size_t>(i)];
        cfg.voters = ids_;
        cfg.seed = seed_ * 7919u + static_cast<uint32_t>(i) * 104729u + static_cast<uint32_t>(v.generation) * 31u + 1;
        if (tune_) tune_(cfg);
        ++v.generation;
        v.node = std::make_unique<raft_node>(cfg, v.log, v.store);
        (void)v.node->start(now_);
        flush(v);
    }

    void flush(sim_voter& v) {
        for (auto& env : v.node->take_outbox()) {
            if (blocked_.count({env.from.value(), env.to.value()})) continue;
            if (net.drop_rate > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < net.drop_rate) continue;
            auto delay = std::uniform_int_distribution<int64_t>(net.min_delay_ms, std::max(net.min_delay_ms, net.max_delay_ms))(rng_);
            in_flight_.emplace(std::pair{now_ + delay, seq_++}, std::move(env));
        }
    }

    std::mt19937 rng_;
    int64_t step_ms_;
    std::function<void(raft_config&)> tune_;
    uint32_t seed_;
    int64_t now_ = 0;
    uint64_t seq_ = 0;
    std::vector<node_id> ids_;
    std::vector<std::unique_ptr<sim_voter>> voters_;
    std::map<std::pair<int64_t, uint64_t>, envelope> in_flight_;
    std::set<std::pair<int, int>> blocked_;
};

}  // namespace sluice::raft::test
