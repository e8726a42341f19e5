#include "engine/metadata/partition_election.h"

#include <algorithm>

namespace sluice::metadata {

namespace {

bool contains(const std::vector<int32_t>& v, int32_t id) { return std::find(v.begin(), v.end(), id) != v.end(); }

// The first replica (in replica order, so the preferred one wins ties) that is live and in `isr`.
int32_t first_live_in(const partition_state& p, const std::vector<int32_t>& isr, const broker_set& live) {
    for (int32_t r : p.replicas)
        if (contains(isr, r) && live.contains(r)) return r;
    return -1;
}

partition_change_record change_of(const topic_state& topic, int32_t index) {
    partition_change_record record;
    record.topic_id = topic.id;
    record.partition_id = index;
    return record;
}

// A leader for a partition whose leader is gone: the first live ISR member (live members stay in the ISR),
// or with `unclean` the first live replica, alone in the ISR. No leader: `record` is left as it was.
bool elect_from(const partition_state& p, const broker_set& live, bool unclean, partition_change_record& record) {
    if (int32_t next = first_live_in(p, p.isr, live); next >= 0) {
        std::vector<int32_t> isr;
        for (int32_t id : p.isr)
            if (live.contains(id)) isr.push_back(id);
        if (isr != p.isr) record.isr = isr;
        record.leader = next;
        return true;
    }
    if (!unclean) return false;
    for (int32_t r : p.replicas)
        if (live.contains(r)) {
            record.leader = r;
            record.isr = std::vector<int32_t>{r};
            return true;
        }
    return false;
}

}  // namespace

broker_set live_brokers(const metadata_image& image, int32_t except) {
    broker_set live;
    for (const auto& [id, b] : image.brokers())
        if (!b.fenced && id != except) live.insert(id);
    return live;
}

std::vector<partition_change_record> remove_broker(const metadata_image& image, int32_t broker, const broker_set& live,
                                                   const unclean_policy& unclean) {
    std::vector<partition_change_record> out;
    for (const auto& [name, topic] : image.topics())
        for (const auto& [index, p] : topic.partitions) {
            const bool leads = p.leader == broker;
            const bool in_isr = contains(p.isr, broker);
            if (!leads && !in_isr) continue;
            std::vector<int32_t> isr;
            for (int32_t id : p.isr)
                if (id != broker) isr.push_back(id);
            auto record = change_of(topic, index);
            if (isr.empty()) isr = p.isr;  // the last ISR member stays, so it can lead cleanly when back
            if (isr != p.isr) record.isr = isr;
            if (leads) {
                int32_t next = first_live_in(p, isr, live);
                if (next < 0 && unclean && unclean(name))
                    for (int32_t r : p.replicas)
                        if (live.contains(r)) {
                            next = r;
                            record.isr = std::vector<int32_t>{r};
                            break;
                        }
                record.leader = next;
            }
            if (record.isr || record.leader != partition_change_record::no_leader_change) out.push_back(std::move(record));
        }
    return out;
}

std::vector<partition_change_record> elect_leaderless(const metadata_image& image, const broker_set& live,
                                                      const unclean_policy& unclean) {
    std::vector<partition_change_record> out;
    for (const auto& [name, topic] : image.topics())
        for (const auto& [index, p] : topic.partitions) {
            if (p.leader >= 0 && live.contains(p.leader)) continue;
            // Members of the ISR that are not live leave it, now that it has a live leader.
            auto record = change_of(topic, index);
            if (!elect_from(p, live, unclean && unclean(name), record) || record.leader == p.leader) continue;
            out.push_back(std::move(record));
        }
    return out;
}

std::vector<partition_change_record> elect_preferred(const metadata_image& image, const broker_set& live) {
    std::vector<partition_change_record> out;
    for (const auto& [name, topic] : image.topics())
        for (const auto& [index, p] : topic.partitions) {
            if (p.replicas.empty()) continue;
            int32_t preferred = p.replicas.front();
            if (p.leader == preferred || !live.contains(preferred) || !contains(p.isr, preferred)) continue;
            auto record = change_of(topic, index);
            record.leader = preferred;
            out.push_back(std::move(record));
        }
    return out;
}

result<partition_change_record> elect_leader(const topic_state& topic, int32_t index, election_type type,
                                             const broker_set& live) {
    using protocol::error_code;
    const std::string name = topic.name + "-" + std::to_string(index);
    auto it = topic.partitions.find(index);
    if (it == topic.partitions.end() || it->second.replicas.empty())
        return make_error(error_code::unknown_topic_or_partition, "No partition " + name + ".");
    const partition_state& p = it->second;
    auto record = change_of(topic, index);
    if (type == election_type::preferred) {
        const int32_t preferred = p.replicas.front();
        if (p.leader == preferred)
            return make_error(error_code::election_not_needed, "Leader election not needed for " + name + ".");
        if (!live.contains(preferred) || !contains(p.isr, preferred))
            return make_error(
                error_code::preferred_leader_not_available,
                "The preferred leader " + std::to_string(preferred) + " of " + name + " is not live and in the ISR.");
        record.leader = preferred;
        return record;
    }
    if (p.leader >= 0 && live.contains(p.leader))
        return make_error(error_code::election_not_needed, name + " has a live leader.");
    if (!elect_from(p, live, true, record))
        return make_error(error_code::eligible_leaders_not_available, "No replica of " + name + " is live.");
    return record;
}

}  // namespace sluice::metadata
