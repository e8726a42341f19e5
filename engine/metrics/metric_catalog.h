// The one list of metrics the engine exports: each metric's Prometheus name, type, help text and label names
// are written once, in metric_catalog.cpp, and everything else (recording, exposition, docs) refers to it by id.
#pragma once
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace sluice::metrics {

enum class metric_type { counter, gauge, histogram };

// Ids of the catalog's entries, in the order /metrics lists them.
enum class metric_id : std::size_t {
    bytes_in,
    bytes_out,
    messages_in,
    replication_bytes_in,
    replication_bytes_out,
    requests,
    request_total_time_ms,
    under_replicated_partitions,
    partition_count,
    leader_count,
    isr_shrinks,
    isr_expands,
    active_controller_count,
    connection_count,
    num_groups,
    num_groups_stable,
    num_groups_preparing_rebalance,
    num_groups_completing_rebalance,
    num_groups_empty,
    num_groups_dead,
    log_size,
    count_,  // not a metric: the number of ids
};

inline constexpr std::size_t metric_count = static_cast<std::size_t>(metric_id::count_);

struct metric_definition {
    metric_id id;
    std::string_view name;  // the full sample name; a counter's ends in _total
    metric_type type;
    std::string_view help;
    std::vector<std::string_view> labels;  // label names, in the order values are given
    std::vector<double> buckets;           // histograms: upper bounds, ascending, without +Inf
};

const metric_definition& definition(metric_id id);
std::span<const metric_definition> catalog();

}  // namespace sluice::metrics
