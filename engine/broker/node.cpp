#include "engine/broker/node.h"

#include <thread>

#include "engine/broker/broker_context.h"
#include "engine/broker/handlers/handler_registry.h"
#include "engine/broker/log_maintenance.h"
#include "engine/broker/meta_properties.h"
#include "engine/broker/offsets_topic.h"
#include "engine/group/group_coordinator.h"
#include "engine/metadata/controller.h"
#include "engine/net/tcp_server.h"

namespace sluice::broker {

namespace {

// The group coordinator's settings, from the broker configs of the same names.
group::coordinator_config group_defaults(const metadata::config_values& v) {
    group::coordinator_config cfg;
    cfg.offsets_topic_partitions = static_cast<int32_t>(v.get_int("offsets.topic.num.partitions"));
    cfg.initial_rebalance_delay_ms = v.get_int("group.initial.rebalance.delay.ms");
    cfg.min_session_timeout_ms = static_cast<int32_t>(v.get_int("group.min.session.timeout.ms"));
    cfg.max_session_timeout_ms = static_cast<int32_t>(v.get_int("group.max.session.timeout.ms"));
    cfg.offsets_retention_ms = v.get_int("offsets.retention.minutes") * 60000;
    cfg.offsets_retention_check_ms = v.get_int("offsets.retention.check.interval.ms");
    cfg.max_metadata_bytes = static_cast<int32_t>(v.get_int("offset.metadata.max.bytes"));
    return cfg;
}

}  // namespace

// The node's components, in construction order: each gets what it needs from the ones above it, and they are
// destroyed in reverse (the listener and maintenance before the logs they use).
struct node::state {
    node_config config;
    metadata::config_values values;
    meta_properties identity;
    asio::io_context io{1};
    std::unique_ptr<metadata::metadata_log> metadata_log;
    std::unique_ptr<metadata::controller> controller;
    std::unique_ptr<log_manager> logs;
    std::unique_ptr<offsets_topic> offsets;
    std::unique_ptr<group::group_coordinator> groups;
    std::unique_ptr<broker_context> context;
    std::unique_ptr<net::tcp_server> server;
    std::unique_ptr<log_maintenance> maintenance;
    std::thread thread;
    bool stopped = false;
};

node::node(std::unique_ptr<state> s) : state_(std::move(s)) {}

result<std::unique_ptr<node>> node::start(node_config config) {
    auto s = std::make_unique<state>();
    for (const auto& [name, value] : config.properties)
        if (auto ok = s->values.set(name, value); !ok) return ok.err();
    if (config.data_dir.empty())
        return make_error(protocol::error_code::invalid_config, "a data directory is required (log.dirs / --data-dir)");
    // Report the directory really in use (DescribeConfigs, the app's broker view), not Kafka's default.
    (void)s->values.set("log.dirs", config.data_dir.string());
    std::error_code fs_error;
    std::filesystem::create_directories(config.data_dir, fs_error);
    if (fs_error)
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot create data dir " + config.data_dir.string() + ": " + fs_error.message());
    auto identity = load_or_format(config.data_dir, s->values.get_string("cluster.id"), config.node_id);
    if (!identity) return identity.err();
    s->identity = identity.value();

    // The metadata log is the source of truth for topics and configs: replay it, then open the logs it names.
    auto metadata_log = metadata::metadata_log::open(config.data_dir, wall_clock_ms());
    if (!metadata_log) return metadata_log.err();
    s->metadata_log = std::move(metadata_log.value());
    s->controller = std::make_unique<metadata::controller>(config.node_id, *s->metadata_log, s->values);
    if (auto loaded = s->controller->load(); !loaded) return loaded.err();
    s->logs = std::make_unique<log_manager>(config.data_dir, *s->controller);
    if (auto loaded = s->logs->load_existing(wall_clock_ms()); !loaded) return loaded.err();

    // The group coordinator replays __consumer_offsets before the listener opens.
    s->offsets = std::make_unique<offsets_topic>(*s->logs);
    s->groups = std::make_unique<group::group_coordinator>(s->io, group_defaults(s->values), *s->offsets);
    if (auto loaded = s->groups->start(); !loaded) return loaded.err();

    // Bind first (the port may be 0), then build the context with the address really bound. Nothing is
    // accepted before the io thread runs, so the handler never sees a missing context.
    net::server_limits limits;
    limits.max_request_bytes = static_cast<int32_t>(s->values.get_int("socket.request.max.bytes"));
    state* raw = s.get();
    auto server = net::tcp_server::start(s->io, config.host, config.port, limits,
                                         [raw](net::connection_info& info, protocol::bytes frame) {
                                             return dispatch_request(*raw->context, info, std::move(frame));
                                         });
    if (!server) return server.err();
    s->server = std::move(server.value());
    s->context = std::make_unique<broker_context>(broker_context{s->io, config.node_id, config.host, s->server->port(),
                                                                 s->identity.cluster_id, s->values, *s->logs,
                                                                 *s->controller, *s->groups});
    if (auto registered = s->controller->register_broker(config.host, s->server->port(), std::nullopt); !registered)
        return registered.err();
    s->maintenance = std::make_unique<log_maintenance>(s->io, *s->logs, s->values);
    s->maintenance->start();
    s->config = std::move(config);
    s->thread = std::thread([raw] { raw->io.run(); });
    return std::make_unique<node>(std::move(s));
}

uint16_t node::port() const { return state_->server->port(); }
const std::string& node::cluster_id() const { return state_->identity.cluster_id; }

void node::stop() {
    if (!state_ || state_->stopped) return;
    state* s = state_.get();
    s->maintenance->cancel_cleaning();  // a long compaction build gives up rather than delay the stop
    asio::post(s->io, [s] {
        s->stopped = true;
        s->server->stop();
        s->maintenance->stop();
        s->groups->stop();
        s->logs->flush_all();
        s->io.stop();
    });
    if (s->thread.joinable()) s->thread.join();
    s->maintenance->join();
}

node::~node() { stop(); }

}  // namespace sluice::broker
