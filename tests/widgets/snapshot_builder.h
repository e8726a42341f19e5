// Helpers that build cluster snapshots by hand for the GUI tests.
#pragma once
#include <string>
#include <vector>

#include "engine/client/cluster_snapshot.h"

namespace testing {

// A topic whose partitions all have the given replica count and offsets [start, end).
inline sluice::client::topic_info topic(const std::string &name, int partitions, int replicas = 1, int64_t end = 0,
                                        int64_t start = 0, bool internal = false)
{
    sluice::client::topic_info t;
    t.name = name;
    t.internal = internal;
    for (int p = 0; p < partitions; ++p) {
        sluice::client::partition_info info;
        info.partition = p;
        info.leader = 1;
        for (int r = 0; r < replicas; ++r)
            info.replicas.push_back(r + 1);
        info.isr = info.replicas;
        info.start_offset = start;
        info.end_offset = end;
        t.partitions.push_back(info);
    }
    return t;
}

inline sluice::client::cluster_snapshot snapshot(std::vector<sluice::client::topic_info> topics, int brokers = 1)
{
    sluice::client::cluster_snapshot s;
    s.cluster_id = "test-cluster";
    s.controller_id = 1;
    for (int b = 1; b <= brokers; ++b)
        s.brokers.push_back({b, "127.0.0.1", 9091 + b, std::nullopt});
    s.topics = std::move(topics);
    return s;
}

inline sluice::client::cluster_snapshot snapshotOfNames(const std::vector<std::string> &names)
{
    std::vector<sluice::client::topic_info> topics;
    for (const auto &name : names)
        topics.push_back(topic(name, 1));
    return snapshot(std::move(topics));
}

}  // namespace testing
