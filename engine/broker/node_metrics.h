// The gauges of a node's /metrics that are computed at each scrape from the components that own the facts
// (partitions and logs, groups, listeners, the quorum). The sources read those components directly, so the
// scrape must run on the node's io thread: the node serves /metrics there.
#pragma once
#include "engine/broker/broker_metrics.h"

namespace sluice::group {
class group_coordinator;
}

namespace sluice::broker {

class log_manager;
class metadata_quorum;
class node_listeners;

void watch_node(broker_metrics& metrics, const log_manager& logs, const group::group_coordinator& groups,
                const node_listeners& listeners, const metadata_quorum& quorum);

}  // namespace sluice::broker
