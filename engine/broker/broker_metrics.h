// A node's metrics: the registry its /metrics page shows (engine/metrics, names in metric_catalog.cpp), and
// the cells its hot paths record into, looked up once: per API (filled for every served API at construction,
// read-only after, so dispatch records without a lock or a lookup) and per topic (looked up on the io thread,
// which owns the cache). The scrape-time gauges are wired in node_metrics.h.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "engine/metrics/registry.h"
#include "engine/net/request_handler.h"

namespace sluice::broker {

class broker_metrics {
    metrics::registry registry_;  // first: the cells below refer into it

public:
    broker_metrics();
    broker_metrics(const broker_metrics&) = delete;
    broker_metrics& operator=(const broker_metrics&) = delete;

    metrics::registry& registry() { return registry_; }
    const metrics::registry& registry() const { return registry_; }

    struct topic_cells {
        metrics::counter& bytes_in;
        metrics::counter& messages_in;
        metrics::counter& bytes_out;
    };
    // The topic's cells, created on first use. On the io thread only (the cache is not locked). Call it for
    // topics that exist here (after an append or a read), so a client's typos do not become label values.
    topic_cells& topic(const std::string& name);

    // One request of `api_key` was served in `elapsed`; keys this node does not serve are not recorded.
    void record_request(int16_t api_key, std::chrono::steady_clock::duration elapsed);

    metrics::counter& replication_bytes_in;
    metrics::counter& replication_bytes_out;
    metrics::counter& isr_shrinks;
    metrics::counter& isr_expands;

private:
    struct request_cells {
        metrics::counter* count = nullptr;
        metrics::histogram* total_time_ms = nullptr;
    };
    std::array<request_cells, 128> by_api_key_{};  // Kafka's API keys are small: 0..~75 today
    std::map<std::string, topic_cells, std::less<>> topics_;
};

// Times one request for the request metrics, from construction (the frame arrived) to destruction (its answer
// is ready): dispatch_request keeps one on its frame. A bare SASL token is not a request and is not counted.
class request_timer {
public:
    request_timer(broker_metrics& metrics, const net::connection_info& connection, const protocol::bytes& frame);
    ~request_timer();
    request_timer(const request_timer&) = delete;
    request_timer& operator=(const request_timer&) = delete;

private:
    broker_metrics& metrics_;
    int16_t api_key_ = -1;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace sluice::broker
