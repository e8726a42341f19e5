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

}  // namespace

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
            auto record = change_of(topic, index);
            int32_t next = first_live_in(p, p.isr, live);
            if (next >= 0) {
                // Members of the ISR that are not live leave it, now that it has a live leader.
                std::vector<int32_t> isr;
                for (int32_t id : p.isr)
                    if (live.contains(id)) isr.push_back(id);
                if (isr != p.isr) record.isr = isr;
            } else if (unclean && unclean(name)) {
                for (int32_t r : p.replicas)
                    if (live.contains(r)) {
                        next = r;
                        record.isr = std::vector<int32_t>{r};
                        break;
                    }
            }
            if (next < 0 || next == p.leader) continue;
            record.leader = next;
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

}  // namespace sluice::metadata
