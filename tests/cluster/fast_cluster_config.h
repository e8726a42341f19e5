// The local_cluster the cluster tests start: three nodes on free loopback ports, with quorum, heartbeat and
// session timeouts short enough that an election or a fencing takes a second or two, not Kafka's defaults.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "engine/cluster/local_cluster.h"

namespace sluice::testing {

// `extra` adds configs or overrides these.
inline cluster::local_cluster_config fast_cluster_config(const std::filesystem::path& data_dir,
                                                         const std::map<std::string, std::string>& extra = {}) {
    cluster::local_cluster_config config;
    config.nodes = 3;
    config.data_dir = data_dir;
    config.first_port = 0;
    config.properties = {{"controller.quorum.election.timeout.ms", "300"},
                         {"controller.quorum.fetch.timeout.ms", "1000"},
                         {"controller.quorum.election.backoff.max.ms", "300"},
                         {"controller.quorum.request.timeout.ms", "1000"},
                         {"broker.heartbeat.interval.ms", "200"},
                         {"broker.session.timeout.ms", "1500"}};
    for (const auto& [name, value] : extra) config.properties[name] = value;
    return config;
}

}  // namespace sluice::testing
