#include "engine/broker/broker_metrics.h"

#include "engine/broker/handlers/handler_registry.h"

namespace sluice::broker {

using metrics::metric_id;

broker_metrics::broker_metrics()
    : replication_bytes_in(registry_.counter_for(metric_id::replication_bytes_in)),
      replication_bytes_out(registry_.counter_for(metric_id::replication_bytes_out)),
      isr_shrinks(registry_.counter_for(metric_id::isr_shrinks)),
      isr_expands(registry_.counter_for(metric_id::isr_expands)) {
    // Every served API from the start (the handler table is the list), so /metrics shows zeros for APIs not
    // used yet and dispatch never creates a cell.
    for (const auto& entry : handler_table()) {
        auto key = static_cast<std::size_t>(entry.key);
        const auto* api = protocol::find_api(static_cast<int16_t>(entry.key));
        if (key >= by_api_key_.size() || api == nullptr) continue;
        metrics::label_values request{std::string(api->name)};
        by_api_key_[key] = {&registry_.counter_for(metric_id::requests, request),
                            &registry_.histogram_for(metric_id::request_total_time_ms, request)};
    }
}

broker_metrics::topic_cells& broker_metrics::topic(const std::string& name) {
    if (auto it = topics_.find(name); it != topics_.end()) return it->second;
    metrics::label_values topic{name};
    return topics_
        .emplace(name, topic_cells{registry_.counter_for(metric_id::bytes_in, topic),
                                   registry_.counter_for(metric_id::messages_in, topic),
                                   registry_.counter_for(metric_id::bytes_out, topic)})
        .first->second;
}

void broker_metrics::record_request(int16_t api_key, std::chrono::steady_clock::duration elapsed) {
    if (api_key < 0 || static_cast<std::size_t>(api_key) >= by_api_key_.size()) return;
    auto& cells = by_api_key_[static_cast<std::size_t>(api_key)];
    if (cells.count == nullptr) return;
    cells.count->add();
    cells.total_time_ms->observe(std::chrono::duration<double, std::milli>(elapsed).count());
}

request_timer::request_timer(broker_metrics& metrics, const net::connection_info& connection,
                             const protocol::bytes& frame)
    : metrics_(metrics) {
    // The request header starts with the int16 API key, big-endian.
    if (!connection.raw_token_expected() && frame.size() >= 2)
        api_key_ = static_cast<int16_t>((static_cast<uint16_t>(frame[0]) << 8) | static_cast<uint16_t>(frame[1]));
}

request_timer::~request_timer() { metrics_.record_request(api_key_, std::chrono::steady_clock::now() - started_); }

}  // namespace sluice::broker
