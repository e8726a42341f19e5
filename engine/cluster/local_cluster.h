// A local cluster: N broker nodes in this process, node ids 1..N, each with its own data directory and
// listener on loopback, and every node a voter of the metadata quorum. The nodes talk to each other only
// over TCP, exactly as separate processes on separate hosts would, so the same code serves both. Nodes can
// be stopped and started again on the same port and data (fault tests, the app's cluster controls).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/broker/node.h"
#include "engine/common/result.h"

namespace sluice::cluster {

struct local_cluster_config {
    int32_t nodes = 3;
    std::filesystem::path data_dir;  // node N keeps its data in data_dir/node-N
    std::string host = "127.0.0.1";
    uint16_t first_port = 9092;  // node N listens on first_port + N - 1; 0 picks free ports
    std::map<std::string, std::string> properties;  // Kafka configs for every node
};

class local_cluster {
public:
    // Chooses the ports, writes each node's quorum voters, and starts every node.
    static result<std::unique_ptr<local_cluster>> start(local_cluster_config config);
    ~local_cluster();
    local_cluster(const local_cluster&) = delete;
    local_cluster& operator=(const local_cluster&) = delete;

    int32_t size() const { return static_cast<int32_t>(ports_.size()); }
    std::vector<int32_t> node_ids() const;
    uint16_t port(int32_t node_id) const { return ports_.at(node_id); }
    // Every node's address, comma-separated: a client's bootstrap.servers.
    std::string bootstrap() const;
    // controller.quorum.voters as every node is given it.
    std::string quorum_voters() const;
    bool is_running(int32_t node_id) const;
    // A clean stop of one node (flushes its logs); its port and data stay reserved for start_node.
    void stop_node(int32_t node_id);
    // Starts a stopped node again on the same port and data directory.
    result<void> start_node(int32_t node_id);
    // Stops every node. Idempotent.
    void stop();

    // Only start() builds one (the tag is private to it): the ports must be chosen first.
    struct private_tag {
        explicit private_tag() = default;
    };
    local_cluster(private_tag, local_cluster_config config, std::map<int32_t, uint16_t> ports);

private:
    broker::node_config config_for(int32_t node_id) const;

    local_cluster_config config_;
    std::map<int32_t, uint16_t> ports_;
    std::map<int32_t, std::unique_ptr<broker::node>> nodes_;  // null while stopped
};

}  // namespace sluice::cluster
