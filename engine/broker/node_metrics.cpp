#include "engine/broker/node_metrics.h"

#include "engine/broker/log_manager.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/broker/node_listeners.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

using metrics::gauge_sink;
using metrics::metric_id;

namespace {

struct replica_census {
    std::size_t partitions = 0;
    std::size_t leaders = 0;
    std::size_t under_replicated = 0;
};

replica_census count_replicas(const log_manager& logs) {
    replica_census c;
    for (const auto& [topic, partitions] : logs.topics())
        for (const auto& [index, p] : partitions) {
            ++c.partitions;
            const auto* leading = p->leadership();
            if (!p->is_leader() || leading == nullptr) continue;
            ++c.leaders;
            if (leading->isr().size() < leading->replicas().size()) ++c.under_replicated;
        }
    return c;
}

void count_groups(gauge_sink& sink, const group::group_coordinator& groups, std::optional<group::group_state> state) {
    std::size_t n = 0;
    for (const auto& [s, count] : groups.group_counts())
        if (!state || s == *state) n += count;
    sink.set({}, static_cast<double>(n));
}

}  // namespace

void watch_node(broker_metrics& metrics, const log_manager& logs, const group::group_coordinator& groups,
                const node_listeners& listeners, const metadata_quorum& quorum) {
    auto& r = metrics.registry();
    r.set_source(metric_id::under_replicated_partitions, [&logs](gauge_sink& sink) {
        sink.set({}, static_cast<double>(count_replicas(logs).under_replicated));
    });
    r.set_source(metric_id::partition_count,
                 [&logs](gauge_sink& sink) { sink.set({}, static_cast<double>(count_replicas(logs).partitions)); });
    r.set_source(metric_id::leader_count,
                 [&logs](gauge_sink& sink) { sink.set({}, static_cast<double>(count_replicas(logs).leaders)); });
    r.set_source(metric_id::active_controller_count,
                 [&quorum](gauge_sink& sink) { sink.set({}, quorum.is_leader() ? 1 : 0); });
    r.set_source(metric_id::connection_count, [&listeners](gauge_sink& sink) {
        for (auto& [name, count] : listeners.connection_counts()) sink.set({name}, static_cast<double>(count));
    });
    using group::group_state;
    const std::pair<metric_id, std::optional<group_state>> by_state[] = {
        {metric_id::num_groups, std::nullopt},
        {metric_id::num_groups_stable, group_state::stable},
        {metric_id::num_groups_preparing_rebalance, group_state::preparing_rebalance},
        {metric_id::num_groups_completing_rebalance, group_state::completing_rebalance},
        {metric_id::num_groups_empty, group_state::empty},
        {metric_id::num_groups_dead, group_state::dead},
    };
    for (const auto& [id, state] : by_state)
        r.set_source(id, [&groups, state](gauge_sink& sink) { count_groups(sink, groups, state); });
    r.set_source(metric_id::log_size, [&logs](gauge_sink& sink) {
        for (const auto& [topic, partitions] : logs.topics())
            for (const auto& [index, p] : partitions)
                sink.set({topic, std::to_string(index)}, static_cast<double>(p->log().size_bytes()));
    });
}

}  // namespace sluice::broker
