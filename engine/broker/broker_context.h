// What every request handler of a node can reach: identity, configs, the hosted partitions, the executor.
#pragma once
#include <optional>
#include <string>

#include "engine/broker/listener_config.h"
#include "engine/broker/log_manager.h"
#include "engine/common/asio.h"
#include "engine/common/clock.h"
#include "engine/metadata/config_values.h"
#include "engine/net/request_handler.h"
#include "engine/protocol/header.h"
#include "engine/security/authorizer.h"

namespace sluice::group {
class group_coordinator;
}

namespace sluice::broker {

class broker_metrics;
class metadata_quorum;
class metadata_writer;
class producer_id_manager;
class client_quota_manager;

// Built once the node's components exist, so every reference is valid for the node's lifetime.
struct broker_context {
    asio::io_context& io;
    int32_t node_id;
    std::string advertised_host;
    int32_t advertised_port;  // the port really bound (a listener on port 0 picks one)
    std::string cluster_id;
    metadata::config_values& config;
    log_manager& logs;
    metadata::controller& controller;  // topics, partitions, configs: the metadata image and its writer
    group::group_coordinator& groups;  // this node's group coordinator
    metadata_quorum& quorum;           // this node's voter of the metadata quorum
    metadata_writer& writer;           // admin changes: on the quorum leader, committed before answering
    // replica.lag.time.max.ms as the replica manager uses it (a static config, parsed once): acks=all's
    // min.insync.replicas check counts ISR members by the same rule the ISR shrink uses.
    int64_t replica_lag_time_max_ms;
    producer_id_manager& producer_ids;  // InitProducerId on the controller
    broker_metrics& metrics;            // what /metrics shows; handlers record into it on the io thread
    client_quota_manager& quotas;       // clients' produce and fetch byte rates against their quotas
    // authorizer.class.name set: every request is checked against the image's ACLs (authorization.h).
    std::optional<security::authorizer_settings> authorizer = std::nullopt;
};

// One request as a handler sees it: the node, the request's header, the listener it came in on and its
// connection (whose principal an authorizer checks).
struct request_context {
    broker_context& broker;
    const protocol::request_header& header;
    const listener_context& listener;
    net::connection_info& connection;
    int16_t version() const { return header.api_version; }
};

}  // namespace sluice::broker
