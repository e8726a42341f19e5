// Raft's safety properties, checked after every step of a simulated schedule:
//  - election safety: at most one leader per epoch;
//  - state machine safety: an entry seen committed anywhere never changes or disappears (committed entries are
//    never truncated; every node's committed prefix agrees with everything ever seen committed);
//  - log matching: two logs holding an entry with the same offset and epoch hold the same prefix;
//  - a node's high watermark never decreases during one life of the node.
// Entries are compared through prefix hashes (hash of the whole log up to an offset), so each check costs
// only what changed since the last one. A snapshot's bytes are the prefix hash at its end (see snapshot_of).
#pragma once
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/raft/sim_cluster.h"

namespace sluice::raft::test {

class invariant_checker {
public:
    explicit invariant_checker(sim_cluster& c) : c_(c), nodes_(static_cast<std::size_t>(c.size())) {}

    // Empty when all holds, else what broke.
    std::string check() {
        for (int i = 0; i < c_.size(); ++i)
            if (auto e = check_node(i); !e.empty()) return "node " + std::to_string(i + 1) + ": " + e;
        return {};
    }

    // What a test state machine stores as a snapshot at `end`: the prefix hash there. nullopt if unknown.
    std::optional<bytes> snapshot_of(int id, log_offset end) const {
        auto& h = nodes_[static_cast<std::size_t>(id - 1)].hashes;
        auto at = static_cast<std::size_t>(end.value() - 1);
        if (end.value() <= 0 || at >= h.size() || h[at] == 0) return std::nullopt;
        bytes out(8);
        std::memcpy(out.data(), &h[at], 8);
        return out;
    }

    int64_t committed_count() const { return static_cast<int64_t>(committed_.size()); }

private:
    struct node_view {
        std::vector<uint64_t> hashes;  // prefix hash by absolute offset; 0 = unknown (below an installed snapshot)
        std::size_t checked = 0;       // committed prefix verified up to here
        int64_t max_committed = -1;    // highest high watermark this node's log ever had
        int generation = 0;
        int64_t last_hw = -1;
    };

    static uint64_t mix(uint64_t h, uint64_t v) {
        h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h * 0xff51afd7ed558ccdULL + 1;
    }
    static uint64_t entry_hash(uint64_t prev, const log_entry& e) {
        uint64_t h = mix(prev, static_cast<uint64_t>(e.epoch.value()) * 2 + (e.control ? 1 : 0));
        for (auto b : e.payload) h = mix(h, b);
        return h == 0 ? 1 : h;
    }

    std::string check_node(int i) {
        auto& v = c_.voter(i);
        auto& view = nodes_[static_cast<std::size_t>(i)];
        auto& log = v.log;
        if (log.installed) {
            auto id = *log.installed;
            auto snap = log.read_snapshot(id);
            view.hashes.assign(static_cast<std::size_t>(id.offset.value()), 0);
            if (snap && snap->size() == 8 && id.offset.value() > 0) std::memcpy(&view.hashes.back(), snap->data(), 8);
            view.checked = std::min(view.checked, view.hashes.size() ? view.hashes.size() - 1 : 0);
            log.installed.reset();
        }
        if (log.lowest_truncation) {
            auto t = log.lowest_truncation->value();
            log.lowest_truncation.reset();
            if (t < view.max_committed)
                return "truncated to " + std::to_string(t) + " below its committed offset " + std::to_string(view.max_committed);
            if (static_cast<std::size_t>(t) < view.hashes.size()) view.hashes.resize(static_cast<std::size_t>(t));
            view.checked = std::min(view.checked, view.hashes.size());
        }
        // Extend the prefix hashes over new entries, checking log matching for each.
        auto end = static_cast<std::size_t>(log.end_offset().value());
        if (view.hashes.size() < end) {
            auto from = std::max<std::size_t>(view.hashes.size(), static_cast<std::size_t>(log.start_offset().value()));
            view.hashes.resize(from, 0);
            auto entries = log.read(log_offset{static_cast<int64_t>(from)}, end - from, SIZE_MAX);
            for (std::size_t k = 0; k < entries.size(); ++k) {
                auto off = from + k;
                uint64_t prev = off == 0 ? 0x5eed : view.hashes[off - 1];
                uint64_t h = prev == 0 ? 0 : entry_hash(prev, entries[k]);
                view.hashes.push_back(h);
                if (h == 0) continue;
                auto key = std::pair{static_cast<int64_t>(off), entries[k].epoch.value()};
                auto [it, fresh] = matching_.emplace(key, h);
                if (!fresh && it->second != h)
                    return "log matching: offset " + std::to_string(off) + " epoch " + std::to_string(key.second) +
                           " has a different prefix than on another node";
            }
        }
        if (!v.node) return {};
        auto& n = *v.node;
        if (n.current_role() == role::leader) {
            auto [it, fresh] = leaders_.emplace(n.epoch().value(), i + 1);
            if (!fresh && it->second != i + 1)
                return "two leaders in epoch " + std::to_string(n.epoch().value()) + ": " + std::to_string(it->second) +
                       " and " + std::to_string(i + 1);
        }
        auto hw = n.high_watermark().value();
        if (view.generation != v.generation) {
            view.generation = v.generation;
            view.last_hw = hw;
        }
        if (hw < view.last_hw)
            return "high watermark went back from " + std::to_string(view.last_hw) + " to " + std::to_string(hw);
        view.last_hw = hw;
        if (hw > static_cast<int64_t>(view.hashes.size())) return "high watermark " + std::to_string(hw) + " past the log end";
        view.max_committed = std::max(view.max_committed, hw);
        for (auto off = view.checked; off < static_cast<std::size_t>(std::max<int64_t>(hw, 0)); ++off) {
            auto h = view.hashes[off];
            if (h == 0) continue;
            if (committed_.size() <= off) committed_.resize(off + 1, 0);
            if (committed_[off] == 0) committed_[off] = h;
            else if (committed_[off] != h)
                return "committed entry at offset " + std::to_string(off) + " differs from one committed before";
        }
        view.checked = std::max<std::size_t>(view.checked, static_cast<std::size_t>(std::max<int64_t>(hw, 0)));
        return {};
    }

    sim_cluster& c_;
    std::vector<node_view> nodes_;
    std::vector<uint64_t> committed_;  // prefix hash of each offset ever seen committed
    std::map<std::pair<int64_t, int32_t>, uint64_t> matching_;
    std::map<int32_t, int> leaders_;  // epoch -> the node that led it
};

}  // namespace sluice::raft::test
