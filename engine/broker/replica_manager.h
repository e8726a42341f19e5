// The replica manager: gives each hosted partition the role the metadata image says (leader, follower of
// some node, or neither) whenever the image changes, runs one fetcher per leader this node follows
// (replica_fetcher.h: Fetch with our replica id, as Kafka's followers do), proposes ISR changes to the
// controller (shrink after replica.lag.time.max.ms, expand once caught up) and expires acks=all waiters.
// Runs on the node's io thread.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "engine/broker/log_manager.h"
#include "engine/broker/replica_fetcher.h"
#include "engine/common/asio.h"
#include "engine/metadata/controller.h"
#include "engine/replication/leader_state.h"

namespace sluice::broker {

class broker_metrics;

struct replica_settings {
    int64_t lag_time_max_ms = 30000;  // replica.lag.time.max.ms
    int32_t fetch_wait_max_ms = 500;  // replica.fetch.wait.max.ms
    int32_t fetch_max_bytes = 1048576;  // replica.fetch.max.bytes
    int64_t tick_ms = 100;            // how often ISR changes and acks deadlines are checked
    // Injected link faults (tests), for the fetchers' connections to leaders; usually none.
    std::shared_ptr<net::link_faults> link_faults;
    // How the fetchers' connections to the leaders' inter-broker listener are secured.
    client::client_security peer_security;
    // Where ISR shrinks/expands and replication bytes in are counted; none when null (tests).
    broker_metrics* metrics = nullptr;
};

class replica_manager {
public:
    // Where ISR changes go (AlterPartition to the active controller): the topic, partition and change.
    using isr_change_sink = std::function<void(const std::string& topic, int32_t index, const replication::isr_change&)>;

    replica_manager(asio::io_context& io, int32_t node_id, log_manager& logs, metadata::controller& controller,
                    replica_settings settings, isr_change_sink sink);
    ~replica_manager();
    replica_manager(const replica_manager&) = delete;
    replica_manager& operator=(const replica_manager&) = delete;

    // Applies the current image and follows its changes; starts the tick timer.
    void start();
    void stop();
    // The partitions this node follows from `leader` (for its fetcher), as (topic, index).
    std::vector<std::pair<std::string, int32_t>> followed_from(int32_t leader) const;

private:
    void apply_image(const metadata::metadata_image& image);
    void schedule_tick();
    void count_isr_change(const std::vector<replication::replica_id>& before,
                          const std::vector<replication::replica_id>& after);
    std::string address_of(const metadata::metadata_image& image, int32_t broker) const;

    asio::io_context& io_;
    int32_t node_id_;
    log_manager& logs_;
    metadata::controller& controller_;
    replica_settings settings_;
    isr_change_sink sink_;
    asio::steady_timer tick_;
    bool stopped_ = false;
    std::map<int32_t, std::unique_ptr<replica_fetcher>> fetchers_;  // by leader id
};

}  // namespace sluice::broker
