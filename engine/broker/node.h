// One broker node: listens for Kafka clients, hosts partitions. sluiced runs one (or several) of these; the
// desktop app embeds one as its local cluster.
//
// Threads, and who owns what (a component is touched on its owner's thread only; they talk by posting):
// - the io thread (one io_context): the listeners and every request handler, partitions and their logs'
//   appends and reads, follower fetchers, ISR changes, the group coordinator, the metadata image (committed
//   records are applied here, in commit order), the controller's write path and log maintenance's timers;
// - the quorum thread (metadata_quorum's executor_thread, Kafka's raft I/O thread): the raft node, its log's
//   appends and fsyncs, the quorum-state file, snapshot files, the connections to the other voters and the
//   election/fetch timers. Quorum requests from other voters are handed to it; answers, commits and proposal
//   outcomes are posted back. A slow metadata disk delays the metadata, never a client's round trip;
// - the background flusher (log_manager): partition-log fsyncs (segment rolls, flush.messages/flush.ms) and
//   the small checkpoint files (leader-epoch truncations, log-start-offset, cleaner position);
// - the cleaner thread (log_maintenance): builds compacted segments; planning and the commit stay on io.
// The io thread still fsyncs a partition's leader-epoch-checkpoint when a new epoch is assigned (see
// leader_epoch_cache.h for why that one must be durable first), and a quorum of one waits for the quorum
// thread's append when a change cannot wait (startup, auto-creation; metadata_writer::submit_now).
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "engine/common/result.h"
#include "engine/security/scram_seed.h"

namespace sluice::net {
class link_faults;
}

namespace sluice::broker {

struct node_config {
    int32_t node_id = 1;
    std::string host = "127.0.0.1";
    uint16_t port = 9092;  // 0 picks a free port; port() tells which
    std::filesystem::path data_dir;
    std::map<std::string, std::string> properties;  // Kafka config names, e.g. num.partitions=3
    // Injected faults on the links to the other nodes (a local cluster's fault tests); none when null. The
    // node's connections to its peers (quorum, replica fetchers, ISR changes) consult it with this node's id
    // and the peer's; client connections to this node are not affected.
    std::shared_ptr<net::link_faults> link_faults;
    // SCRAM users to create unless the metadata has them (sluiced --add-scram), derived credentials only.
    std::vector<security::scram_user_seed> scram_users;
    // Prometheus metrics over HTTP (GET /metrics) on metrics_host:metrics_port when set; 0 picks a free port
    // (metrics_port() tells which). The page is built on the node's io thread (broker_metrics.h).
    std::optional<uint16_t> metrics_port;
    std::string metrics_host = "127.0.0.1";
    // Tests: runs on the metadata quorum's thread before each fsync of the metadata (raft) log, e.g. to hold
    // it as a slow disk would.
    std::function<void()> before_quorum_log_fsync;
};

class node {
public:
    // Validates the config, recovers the data dir, binds the listener and starts serving.
    static result<std::unique_ptr<node>> start(node_config config);
    ~node();
    node(const node&) = delete;
    node& operator=(const node&) = delete;

    uint16_t port() const;
    const std::string& cluster_id() const;
    // The port /metrics is served on, when node_config::metrics_port asked for it.
    std::optional<uint16_t> metrics_port() const;
    // Open connections on every listener from clients other than Sluice's own (net::own_client_id_prefix).
    // Safe from any thread (atomics), while the node is not being stopped or destroyed.
    std::size_t client_connection_count() const;
    // The metadata quorum as this node sees it now: the epoch and the leader it knows of (the active
    // controller), if any. Asks the node's io thread and waits for it, so never call it from that thread.
    struct quorum_view {
        int32_t epoch = -1;
        std::optional<int32_t> leader;
    };
    quorum_view quorum() const;
    // Stops accepting, closes connections, flushes logs and joins the thread. Idempotent.
    void stop();
    // Stops as a crashed process would look to the others (fault tests): a controller does not resign (the
    // quorum notices the silence after its fetch timeout) and the logs are not fsynced. Idempotent.
    void crash();

    struct state;  // the components the node wires together (node.cpp)
    explicit node(std::unique_ptr<state> s);  // use start()

private:
    void shut(bool graceful);

    std::unique_ptr<state> state_;
};

}  // namespace sluice::broker
