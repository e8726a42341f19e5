// A local cluster: N broker nodes in this process, node ids 1..N, each with its own data directory and
// listener on loopback, and every node a voter of the metadata quorum. The nodes talk to each other only
// over TCP, exactly as separate processes on separate hosts would, so the same code serves both. Nodes can
// be stopped and started again on the same port and data (fault tests, the app's cluster controls).
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/broker/node.h"
#include "engine/common/result.h"
#include "engine/net/link_faults.h"

namespace sluice::cluster {

struct local_cluster_config {
    int32_t nodes = 3;
    std::filesystem::path data_dir;  // node N keeps its data in data_dir/node-N
    std::string host = "127.0.0.1";
    uint16_t first_port = 9092;  // node N listens on first_port + N - 1; 0 picks free ports
    std::map<std::string, std::string> properties;  // Kafka configs for every node
    std::vector<security::scram_user_seed> scram_users;  // seeded unless the metadata has them (--add-scram)
    // Prometheus /metrics per node, when set: node N serves it on first_metrics_port + N - 1 (one page per
    // broker, as each Kafka broker has its own); 0 picks a free port per node, kept across its restarts.
    std::optional<uint16_t> first_metrics_port;
    std::string metrics_host = "127.0.0.1";
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
    // INVALID_REQUEST naming the id when it is not one of this cluster's nodes.
    result<void> check_node(int32_t node_id) const;
    // A clean stop of one node (flushes its logs); its port and data stay reserved for start_node.
    void stop_node(int32_t node_id);
    // Stops one node without a clean handover (node::crash: no resignation, no fsync), as a killed process.
    void kill_node(int32_t node_id);
    // Starts a stopped node again on the same port and data directory.
    result<void> start_node(int32_t node_id);
    // Stops every node. Idempotent.
    void stop();

    // Open connections of clients other than Sluice's own (its peers, the app's monitor) on one running node
    // (0 while it is stopped), or on every node: what a user would cut off by stopping the cluster.
    std::size_t client_connections(int32_t node_id) const;
    std::size_t client_connections() const;

    // The port a running node serves /metrics on, if the cluster was started with first_metrics_port.
    std::optional<uint16_t> metrics_port(int32_t node_id) const;

    // The active controller: the leader of the metadata quorum as the running nodes know it (the one known
    // at the highest epoch), if any.
    std::optional<int32_t> controller_id() const;

    // Fault injection on the links between nodes (their peer connections only; clients are unaffected).
    // Each acts on both directions between a and b; link_faults() offers one-way faults. Call these and
    // stop_node/start_node from one thread at a time. Unknown ids, a == b and bad values are refused.
    result<void> cut(int32_t a, int32_t b);
    // Cuts a from every other node.
    result<void> isolate(int32_t a);
    result<void> delay(int32_t a, int32_t b, std::chrono::milliseconds delay);
    result<void> drop(int32_t a, int32_t b, double probability);
    result<void> heal(int32_t a, int32_t b);
    // Heals every link; the nodes reconnect by themselves.
    void heal();
    net::link_faults& link_faults() { return *faults_; }

    // Only start() builds one (the tag is private to it): the ports must be chosen first.
    struct private_tag {
        explicit private_tag() = default;
    };
    local_cluster(private_tag, local_cluster_config config, std::map<int32_t, uint16_t> ports);

private:
    broker::node_config config_for(int32_t node_id) const;
    // Applies `fault` to a → b and to b → a, once a and b are known to be two nodes of this cluster.
    result<void> both_ways(int32_t a, int32_t b, const std::function<void(int32_t from, int32_t to)>& fault);

    local_cluster_config config_;
    std::map<int32_t, uint16_t> ports_;
    std::map<int32_t, uint16_t> metrics_ports_;  // picked on a node's first start when first_metrics_port is 0
    std::map<int32_t, std::unique_ptr<broker::node>> nodes_;                           // null while stopped
    std::shared_ptr<net::link_faults> faults_ = std::make_shared<net::link_faults>();  // shared by every node
};

}  // namespace sluice::cluster
