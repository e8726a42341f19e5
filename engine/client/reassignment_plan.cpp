#include "engine/client/reassignment_plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace sluice::client {

namespace {

// Kafka counts brokers without broker.rack as one more rack: the empty name stands for it.
std::string rack_of(const std::map<int32_t, std::string>& racks, int32_t broker) {
    auto it = racks.find(broker);
    return it == racks.end() ? std::string() : it->second;
}

bool uses_rack(const std::vector<int32_t>& replicas, const std::map<int32_t, std::string>& racks,
               const std::string& rack, int32_t except = -1) {
    return std::any_of(replicas.begin(), replicas.end(),
                       [&](int32_t r) { return r != except && rack_of(racks, r) == rack; });
}

void append_json_string(std::string& out, const std::string& text) {
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

}  // namespace

plan_result propose_reassignment(const plan_request& request) {
    plan_result out;
    const int rf = request.replication_factor;
    if (request.brokers.empty()) {
        out.issues.push_back({plan_issue::kind::no_brokers});
        return out;
    }
    if (rf < 1) {
        out.issues.push_back({plan_issue::kind::bad_replication_factor, -1, -1, rf});
        return out;
    }
    if (static_cast<std::size_t>(rf) > request.brokers.size()) {
        out.issues.push_back({plan_issue::kind::too_few_brokers, -1, -1, static_cast<int>(request.brokers.size())});
        return out;
    }

    std::set<int32_t> allowed;
    std::map<int32_t, std::string> racks;
    bool racks_known = false;
    for (const auto& b : request.brokers) {
        allowed.insert(b.node_id);
        if (b.rack) {
            racks[b.node_id] = *b.rack;
            racks_known = true;
        }
    }

    // 1. Keep every replica that is on an allowed broker, in its order (so the preferred leader stays first).
    std::vector<std::vector<int32_t>> plan;
    std::map<int32_t, int> load, leaders;  // replicas and preferred leaderships of this topic per broker
    for (const int32_t b : allowed) load[b] = 0, leaders[b] = 0;
    for (const auto& p : request.current) {
        std::vector<int32_t> kept;
        for (const int32_t r : p.replicas)
            if (allowed.count(r) && std::find(kept.begin(), kept.end(), r) == kept.end()) kept.push_back(r);
        for (const int32_t r : kept) ++load[r];
        if (!kept.empty()) ++leaders[kept.front()];
        plan.push_back(std::move(kept));
    }

    // 2. Drop surplus replicas, never the preferred leader: doubled racks first, then the most loaded broker.
    for (auto& replicas : plan) {
        while (replicas.size() > static_cast<std::size_t>(rf)) {
            auto victim = std::max_element(replicas.begin() + 1, replicas.end(), [&](int32_t a, int32_t b) {
                const bool a_doubled = racks_known && uses_rack(replicas, racks, rack_of(racks, a), a);
                const bool b_doubled = racks_known && uses_rack(replicas, racks, rack_of(racks, b), b);
                return std::tuple(a_doubled, load[a], a) < std::tuple(b_doubled, load[b], b);
            });
            --load[*victim];
            replicas.erase(victim);
        }
    }

    // 3. Add missing replicas: a rack the partition lacks, then the least loaded broker, then the lowest id. A
    //    partition left with no replica takes as its preferred leader the broker leading the fewest.
    for (auto& replicas : plan) {
        while (replicas.size() < static_cast<std::size_t>(rf)) {
            std::optional<int32_t> best;
            std::tuple<int, int, int, int32_t> best_rank;
            for (const int32_t b : allowed) {
                if (std::find(replicas.begin(), replicas.end(), b) != replicas.end()) continue;
                const int rack_used = racks_known && uses_rack(replicas, racks, rack_of(racks, b)) ? 1 : 0;
                const int leads = replicas.empty() ? leaders[b] : 0;
                const auto rank = std::tuple(rack_used, leads, load[b], b);
                if (!best || rank < best_rank) best = b, best_rank = rank;
            }
            if (replicas.empty()) ++leaders[*best];
            ++load[*best];
            replicas.push_back(*best);
        }
    }

    // 4. Even out: while one broker holds two or more replicas more than another, move one across, in place (a moved
    //    preferred leader keeps its position), unless that would put two replicas of a partition on one rack where
    //    it had none.
    for (int guard = 0; guard < 10000; ++guard) {
        const auto [lo, hi] = std::minmax_element(load.begin(), load.end(), [](const auto& a, const auto& b) {
            return std::tie(a.second, a.first) < std::tie(b.second, b.first);
        });
        if (hi->second - lo->second <= 1) break;
        const int32_t from = hi->first, to = lo->first;
        bool moved = false;
        for (auto it = plan.rbegin(); it != plan.rend() && !moved; ++it) {  // the last partitions took the last adds
            auto& replicas = *it;
            auto at = std::find(replicas.begin(), replicas.end(), from);
            if (at == replicas.end() || std::find(replicas.begin(), replicas.end(), to) != replicas.end()) continue;
            if (racks_known && rack_of(racks, to) != rack_of(racks, from) &&
                uses_rack(replicas, racks, rack_of(racks, to), from))
                continue;
            if (at == replicas.begin()) --leaders[from], ++leaders[to];
            *at = to;
            --load[from], ++load[to];
            moved = true;
        }
        if (!moved) break;
    }

    for (std::size_t i = 0; i < plan.size(); ++i)
        out.proposed.push_back({request.current[i].topic, request.current[i].partition, std::move(plan[i])});
    return out;
}

std::vector<plan_issue> validate_assignment(std::span<const partition_assignment> proposed,
                                            std::span<const partition_assignment> current,
                                            std::span<const broker_info> brokers) {
    std::vector<plan_issue> issues;
    std::set<int32_t> known;
    for (const auto& b : brokers) known.insert(b.node_id);
    for (const auto& p : proposed) {
        const bool exists = std::any_of(current.begin(), current.end(), [&](const auto& c) {
            return c.topic == p.topic && c.partition == p.partition;
        });
        if (!exists) issues.push_back({plan_issue::kind::unknown_partition, p.partition});
        if (p.replicas.empty()) issues.push_back({plan_issue::kind::empty_replicas, p.partition});
        std::set<int32_t> seen;
        for (const int32_t r : p.replicas) {
            if (!known.count(r)) issues.push_back({plan_issue::kind::unknown_broker, p.partition, r});
            if (!seen.insert(r).second) issues.push_back({plan_issue::kind::duplicate_broker, p.partition, r});
        }
    }
    return issues;
}

std::vector<partition_assignment> changed_partitions(std::span<const partition_assignment> current,
                                                     std::span<const partition_assignment> proposed) {
    std::vector<partition_assignment> out;
    for (const auto& p : proposed) {
        auto it = std::find_if(current.begin(), current.end(),
                               [&](const auto& c) { return c.topic == p.topic && c.partition == p.partition; });
        if (it == current.end() || it->replicas != p.replicas) out.push_back(p);
    }
    return out;
}

std::string reassignment_json(std::span<const partition_assignment> plan) {
    std::string out = R"({"version":1,"partitions":[)";
    for (std::size_t i = 0; i < plan.size(); ++i) {
        if (i) out += ',';
        out += R"({"topic":)";
        append_json_string(out, plan[i].topic);
        out += R"(,"partition":)" + std::to_string(plan[i].partition) + R"(,"replicas":[)";
        std::string dirs;
        for (std::size_t r = 0; r < plan[i].replicas.size(); ++r) {
            if (r) out += ',', dirs += ',';
            out += std::to_string(plan[i].replicas[r]);
            dirs += R"("any")";  // let each broker pick its log dir, as Kafka's --generate writes
        }
        out += R"(],"log_dirs":[)" + dirs + "]}";
    }
    out += "]}";
    return out;
}

std::string election_json(std::span<const topic_partition> partitions) {
    std::string out = R"({"partitions":[)";
    for (std::size_t i = 0; i < partitions.size(); ++i) {
        if (i) out += ',';
        out += R"({"topic":)";
        append_json_string(out, partitions[i].topic);
        out += R"(,"partition":)" + std::to_string(partitions[i].partition) + "}";
    }
    out += "]}";
    return out;
}

std::vector<partition_assignment> assignment_of(const cluster_snapshot& snapshot, const std::string& topic) {
    std::vector<partition_assignment> out;
    for (const auto& t : snapshot.topics)
        if (t.name == topic)
            for (const auto& p : t.partitions) out.push_back({t.name, p.partition, p.replicas});
    return out;
}

}  // namespace sluice::client
