// A follower's fetcher for one leader: a coroutine on the node's io thread that keeps one connection to the
// leader and sends Fetch v12+ with this node's replica id for every partition followed from it, from each
// log's end offset and last fetched epoch. It appends what comes back with the leader's offsets, truncates
// where the leader reports a diverging epoch (KIP-595/KIP-320 style, no separate OffsetForLeaderEpoch round
// trip), and takes the leader's high watermark. Connection failures back off and retry; it never throws.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/broker/log_manager.h"
#include "engine/client/client_security.h"
#include "engine/common/asio.h"
#include "engine/metrics/cells.h"
#include "engine/net/link_faults.h"

namespace sluice::broker {

struct fetcher_settings {
    int32_t replica_id = -1;
    int32_t max_wait_ms = 500;
    int32_t partition_max_bytes = 1048576;
    std::string cluster_id;
    std::optional<net::link> link;  // the fault-injected link to the leader, if the node has a fault table
    client::client_security security;      // how the connection to the leader's inter-broker listener is secured
    metrics::counter* bytes_in = nullptr;  // ReplicationBytesInPerSec: what this follower appends, if counted
};

class replica_fetcher {
public:
    // The partitions to fetch right now: asked before every request, so metadata changes apply at once.
    using partition_source = std::function<std::vector<std::pair<std::string, int32_t>>()>;

    replica_fetcher(asio::io_context& io, std::string leader_address, fetcher_settings settings, log_manager& logs,
                    partition_source partitions);
    ~replica_fetcher();
    replica_fetcher(const replica_fetcher&) = delete;
    replica_fetcher& operator=(const replica_fetcher&) = delete;

    void start();
    // Closes the connection; the coroutine ends at its next step.
    void stop();
    // The leader moved to another address (re-registration): reconnect there.
    void set_address(std::string address);
    const std::string& address() const;

    struct state;  // shared with the coroutine, which may outlive this object by one step

private:
    std::shared_ptr<state> state_;
};

}  // namespace sluice::broker
