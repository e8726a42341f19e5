#include "engine/broker/node.h"

#include <future>
#include <iostream>
#include <thread>

#include "engine/broker/broker_context.h"
#include "engine/broker/broker_metrics.h"
#include "engine/broker/client_quota_manager.h"
#include "engine/broker/handlers/handler_registry.h"
#include "engine/broker/isr_updater.h"
#include "engine/broker/listeners.h"
#include "engine/broker/log_maintenance.h"
#include "engine/broker/meta_properties.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/broker/metadata_writer.h"
#include "engine/broker/node_listeners.h"
#include "engine/broker/node_metrics.h"
#include "engine/broker/offsets_topic.h"
#include "engine/broker/peer_security.h"
#include "engine/broker/producer_id_manager.h"
#include "engine/broker/replica_manager.h"
#include "engine/broker/scram_bootstrap.h"
#include "engine/group/group_coordinator.h"
#include "engine/metadata/controller.h"
#include "engine/metadata/metadata_log.h"
#include "engine/metadata/metadata_snapshot.h"
#include "engine/metrics/http_server.h"
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
    cfg.offsets_commit_timeout_ms = v.get_int("offsets.commit.timeout.ms");
    return cfg;
}

// The voters from controller.quorum.voters; without it this node alone, at its own listener.
result<std::vector<quorum_voter>> quorum_voters(const metadata::config_values& v, const node_config& config) {
    auto text = v.get_string("controller.quorum.voters");
    if (text.empty()) return std::vector<quorum_voter>{{config.node_id, config.host, config.port}};
    return parse_quorum_voters(text);
}

// Data dirs written before the metadata quorum kept the metadata records directly in __cluster_metadata-0
// (segment files there, no log/ subdirectory). Returns their records, after moving that directory aside, so
// a quorum of one can commit them again; a multi-voter quorum refuses such a dir.
result<metadata::controller::records> take_pre_quorum_metadata(const std::filesystem::path& data_dir, bool single_voter) {
    metadata::controller::records records;
    auto dir = data_dir / std::string(metadata::metadata_log_dir_name);
    std::error_code ec;
    bool old_format = false;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec))
        old_format |= f.is_regular_file() && f.path().extension() == ".log";
    if (!old_format) return records;
    if (!single_voter)
        return make_error(protocol::error_code::invalid_config,
                          dir.string() + " holds metadata written before the Raft quorum; start this data dir as a "
                                         "single node once (without controller.quorum.voters) to convert it");
    {
        auto old = metadata::metadata_log::open(data_dir, wall_clock_ms());
        if (!old) return old.err();
        if (auto replayed = old.value()->replay([&](const metadata::metadata_record& r) { records.push_back(r); });
            !replayed)
            return replayed.err();
    }
    auto aside = data_dir / (std::string(metadata::metadata_log_dir_name) + ".pre-quorum");
    std::filesystem::rename(dir, aside, ec);
    if (ec)
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot move " + dir.string() + " aside for conversion: " + ec.message());
    std::cerr << "sluice: converting the pre-quorum metadata log (" << records.size() << " records; the old one is kept in "
              << aside.string() << ")\n";
    return records;
}

// Committed metadata records reach the image in log order; those the log held at startup are replays.
void apply_committed(metadata::controller& controller, const metadata_quorum& quorum,
                     std::span<const metadata_quorum::committed_entry> entries) {
    metadata::controller::records run;
    bool run_replaying = false;
    auto flush = [&] {
        controller.set_replaying(run_replaying);
        controller.apply(run);
        controller.set_replaying(false);
        run.clear();
    };
    for (const auto& e : entries) {
        bool replaying = e.offset < quorum.startup_log_end();
        if (!run.empty() && replaying != run_replaying) flush();
        run_replaying = replaying;
        auto record = metadata::decode_record(e.payload);
        if (!record) {
            std::cerr << "sluice: skipping metadata record at offset " << e.offset << ": " << record.err().message << "\n";
            continue;
        }
        run.push_back(std::move(record.value()));
    }
    if (!run.empty()) flush();
}

// The image as snapshot bytes, and a snapshot loaded as the image. A snapshot that ends within the log this
// node held at startup replays state whose partition logs are on disk, as replayed records do.
metadata_quorum::snapshot_hooks snapshot_hooks_for(metadata::controller& controller, const metadata_quorum& quorum) {
    return {[&controller] { return metadata::encode_snapshot(controller.image(), wall_clock_ms()); },
            [&controller, &quorum](int64_t end_offset, std::span<const uint8_t> data) -> result<void> {
                auto records = metadata::decode_snapshot(data);
                if (!records) return records.err();
                controller.set_replaying(end_offset <= quorum.startup_log_end());
                controller.load_snapshot(records.value());
                controller.set_replaying(false);
                return {};
            }};
}

}  // namespace

// The node's components, in construction order: each gets what it needs from the ones above it, and they are
// destroyed in reverse (the listener and maintenance before the logs they use).
struct node::state {
    node_config config;
    metadata::config_values values;
    meta_properties identity;
    // Before io: the coroutines that record into it (fetchers, handlers) may outlive their components until
    // io is destroyed.
    broker_metrics metrics;
    asio::io_context io{1};
    std::unique_ptr<metadata::controller> controller;
    std::unique_ptr<metadata_quorum> quorum;
    std::unique_ptr<metadata_writer> writer;
    std::unique_ptr<producer_id_manager> producer_ids;
    std::unique_ptr<client_quota_manager> quotas;
    std::unique_ptr<log_manager> logs;
    std::unique_ptr<offsets_topic> offsets;
    std::unique_ptr<group::group_coordinator> groups;
    std::unique_ptr<isr_updater> isr;
    std::unique_ptr<replica_manager> replicas;
    std::unique_ptr<broker_context> context;
    std::unique_ptr<node_listeners> listeners;  // the client listener first, then e.g. CONTROLLER: same APIs
    std::unique_ptr<log_maintenance> maintenance;
    std::unique_ptr<sluice::metrics::http_server> metrics_server;  // GET /metrics, when asked for
    std::thread thread;
    bool stopped = false;
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);  // background loops end when it turns false
};

node::node(std::unique_ptr<state> s) : state_(std::move(s)) {}

result<std::unique_ptr<node>> node::start(node_config config) {
    auto s = std::make_unique<state>();
    for (const auto& [name, value] : config.properties)
        if (auto ok = s->values.set(name, value); !ok) return ok.err();
    if (config.data_dir.empty())
        return make_error(protocol::error_code::invalid_config, "a data directory is required (log.dirs / --data-dir)");
    auto authorizer_on = security::authorizer_enabled(s->values.get_string("authorizer.class.name"));
    if (!authorizer_on) return authorizer_on.err();
    std::optional<security::authorizer_settings> authorizer;
    if (authorizer_on.value())
        authorizer = security::authorizer_settings{security::parse_super_users(s->values.get_string("super.users")),
                                                   s->values.get_bool("allow.everyone.if.no.acl.found")};
    // Report the directory really in use (DescribeConfigs, the app's broker view), not Kafka's default.
    (void)s->values.set("log.dirs", config.data_dir.string());
    std::error_code fs_error;
    std::filesystem::create_directories(config.data_dir, fs_error);
    if (fs_error)
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot create data dir " + config.data_dir.string() + ": " + fs_error.message());
    // Voters of one quorum agree on a cluster id without being told one (see cluster_id_from_voters).
    std::string cluster_id = s->values.get_string("cluster.id");
    if (cluster_id.empty() && !s->values.get_string("controller.quorum.voters").empty())
        cluster_id = cluster_id_from_voters(s->values.get_string("controller.quorum.voters"));
    auto identity = load_or_format(config.data_dir, cluster_id, config.node_id);
    if (!identity) return identity.err();
    s->identity = identity.value();

    // The metadata log is the raft log of the metadata quorum, the source of truth for topics and configs.
    // A quorum of one elects itself and applies its whole log in start(); then the logs it names are opened.
    // With more voters the records apply as they commit, and the log manager opens partitions as they come.
    auto voters = quorum_voters(s->values, config);
    if (!voters) return voters.err();
    // Bind first (the port may be 0): the context is built later with the address really bound, and the
    // nodes' own connections are secured as clients of these listeners. Nothing is accepted before the io
    // thread runs, so the handler never sees a missing context.
    net::server_limits limits;
    limits.max_request_bytes = static_cast<int32_t>(s->values.get_int("socket.request.max.bytes"));
    state* raw = s.get();
    auto listeners =
        node_listeners::bind(s->io, s->values, config.host, config.port, limits,
                             [raw](const listener_context& listener) -> net::request_handler {
                                 return [raw, &listener](net::connection_info& info, protocol::bytes frame) {
                                     return dispatch_request(*raw->context, listener, info, std::move(frame));
                                 };
                             });
    if (!listeners) return listeners.err();
    s->listeners = std::move(listeners.value());
    auto peers = peer_security_of(*s->listeners, s->values, voters->size() > 1);
    if (!peers) return peers.err();
    auto quorum_config = quorum_settings::from_config(s->values);
    quorum_config.peer_security = peers->controllers;
    auto legacy = take_pre_quorum_metadata(config.data_dir, voters->size() == 1);
    if (!legacy) return legacy.err();
    s->controller = std::make_unique<metadata::controller>(config.node_id, s->values);
    auto quorum =
        metadata_quorum::open(s->io, config.data_dir, config.node_id, std::move(voters.value()), quorum_config,
                              s->identity.cluster_id, config.link_faults, config.before_quorum_log_fsync);
    if (!quorum) return quorum.err();
    s->quorum = std::move(quorum.value());
    s->writer = std::make_unique<metadata_writer>(s->io, *s->controller, *s->quorum);
    s->producer_ids = std::make_unique<producer_id_manager>(*s->writer, config.node_id);
    s->quotas =
        std::make_unique<client_quota_manager>(quota_window{static_cast<int32_t>(s->values.get_int("quota.window.num")),
                                                            s->values.get_int("quota.window.size.seconds") * 1000});
    state* st = s.get();
    s->quorum->on_commit([st](std::span<const metadata_quorum::committed_entry> entries) {
        apply_committed(*st->controller, *st->quorum, entries);
    });
    s->quorum->on_snapshot(snapshot_hooks_for(*s->controller, *s->quorum));
    if (auto started = s->quorum->start(); !started) return started.err();
    if (!legacy->empty())
        if (auto converted = s->quorum->propose_now(encode_records(*legacy)); !converted) return converted.err();
    if (s->quorum->single_voter()) {
        auto users = missing_scram_users(s->controller->image(), config.scram_users);
        if (!users.empty())
            if (auto seeded = s->quorum->propose_now(encode_records(users)); !seeded) return seeded.err();
    } else {
        seed_scram_users_in_background(s->io, *s->writer, *s->controller, config.scram_users, s->alive);
    }
    s->logs = std::make_unique<log_manager>(config.data_dir, *s->controller);
    s->logs->set_topic_creator([st](metadata::new_topic topic) { return st->writer->create_topic_soon(std::move(topic)); });
    if (auto loaded = s->logs->load_existing(wall_clock_ms()); !loaded) return loaded.err();

    // Partition roles before anything appends: the group coordinator's replay below writes as a leader.
    replica_settings replication;
    replication.lag_time_max_ms = s->values.get_int("replica.lag.time.max.ms");
    replication.fetch_wait_max_ms = static_cast<int32_t>(s->values.get_int("replica.fetch.wait.max.ms"));
    replication.fetch_max_bytes = static_cast<int32_t>(s->values.get_int("replica.fetch.max.bytes"));
    replication.link_faults = config.link_faults;
    replication.peer_security = peers->brokers;
    replication.metrics = &s->metrics;
    s->isr = std::make_unique<isr_updater>(s->io, config.node_id, *s->controller, *s->writer, *s->logs,
                                           config.link_faults, peers->brokers);
    isr_updater* isr = s->isr.get();
    s->replicas = std::make_unique<replica_manager>(
        s->io, config.node_id, *s->logs, *s->controller, replication,
        [isr](const std::string& topic, int32_t index, const replication::isr_change& change) {
            isr->submit(topic, index, change);
        });
    s->replicas->start();

    // The group coordinator loads the __consumer_offsets partitions this node leads before the listener
    // opens, and follows their leadership: subscribed after the replica manager, it sees every metadata
    // change once partition roles have been applied.
    s->offsets = std::make_unique<offsets_topic>(s->io, *s->logs, *s->controller,
                                                 static_cast<int16_t>(s->values.get_int("offsets.topic.replication.factor")));
    s->groups = std::make_unique<group::group_coordinator>(s->io, group_defaults(s->values), *s->offsets);
    if (auto loaded = s->groups->start(); !loaded) return loaded.err();
    s->controller->subscribe([st](const metadata::metadata_image&, std::span<const metadata::metadata_record>) {
        st->groups->on_leadership_change();
    });

    s->context = std::make_unique<broker_context>(
        broker_context{s->io, config.node_id, config.host, s->listeners->primary_port(), s->identity.cluster_id,
                       s->values, *s->logs, *s->controller, *s->groups, *s->quorum, *s->writer,
                       replication.lag_time_max_ms, *s->producer_ids, s->metrics, *s->quotas, std::move(authorizer)});
    // Like the listeners, /metrics is served on the io thread, so its gauges read the components directly.
    if (config.metrics_port) {
        watch_node(s->metrics, *s->logs, *s->groups, *s->listeners, *s->quorum);
        auto server = metrics::http_server::start(s->io, config.metrics_host, *config.metrics_port,
                                                  [raw] { return raw->metrics.registry().expose(); });
        if (!server) return server.err();
        s->metrics_server = std::move(server.value());
    }
    // A broker registers its client listeners with the controller: at once on a quorum of one, else in the
    // background (with the leader once one is known). The other nodes reach it on the first (primary) one.
    metadata::register_broker_record self;
    self.broker_id = config.node_id;
    self.endpoints = s->listeners->client_endpoints();
    self.host = self.endpoints.front().host;
    self.port = self.endpoints.front().port;
    if (auto rack = s->values.get_string("broker.rack"); !rack.empty()) self.rack = rack;
    if (s->quorum->single_voter()) {
        metadata_writer::plan plan = [=](const metadata::controller& c) { return c.register_broker(self); };
        if (auto registered = s->writer->submit_now(plan); !registered) return registered.err();
    } else {
        s->writer->start_registration(self, s->values.get_int("broker.heartbeat.interval.ms"),
                                      s->values.get_int("broker.session.timeout.ms"));
    }
    s->maintenance = std::make_unique<log_maintenance>(s->io, *s->logs, s->values);
    s->maintenance->start();
    s->config = std::move(config);
    s->thread = std::thread([raw] { raw->io.run(); });
    return std::make_unique<node>(std::move(s));
}

uint16_t node::port() const { return state_->listeners->primary_port(); }

std::optional<uint16_t> node::metrics_port() const {
    if (!state_->metrics_server) return std::nullopt;
    return state_->metrics_server->port();
}

std::size_t node::client_connection_count() const {
    return state_->listeners ? state_->listeners->client_connection_count() : 0;
}
const std::string& node::cluster_id() const { return state_->identity.cluster_id; }

node::quorum_view node::quorum() const {
    state* s = state_.get();
    auto answer = std::make_shared<std::promise<quorum_view>>();
    auto view = answer->get_future();
    asio::post(s->io, [s, answer] {
        if (s->stopped)
            answer->set_value({});
        else
            answer->set_value({s->quorum->epoch(), s->quorum->leader()});
    });
    // A node that is stopping may never run the question; it has no view worth waiting for.
    if (view.wait_for(std::chrono::seconds(2)) != std::future_status::ready) return {};
    return view.get();
}

namespace {
// On the io thread: a leader of a multi-voter quorum first resigns (EndQuorumEpoch to the others, so they
// elect a successor at once instead of after the fetch timeout) and gives that a moment to leave; then the
// components stop. A crash (`graceful` false) neither resigns nor flushes: the others notice the silence.
awaitable<void> shut_down(node::state* s, bool graceful) {
    if (graceful && s->quorum->resign_for_shutdown()) {
        asio::steady_timer grace(s->io, std::chrono::milliseconds(200));
        boost::system::error_code ec;
        co_await grace.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    *s->alive = false;
    if (s->metrics_server) s->metrics_server->stop();
    s->writer->stop();
    s->quorum->stop();
    s->listeners->stop();
    s->maintenance->stop();
    s->replicas->stop();
    s->groups->stop();
    if (graceful) s->logs->flush_all();
    s->io.stop();
}
}  // namespace

void node::stop() { shut(true); }

void node::crash() { shut(false); }

void node::shut(bool graceful) {
    if (!state_ || state_->stopped) return;
    state* s = state_.get();
    s->maintenance->cancel_cleaning();  // a long compaction build gives up rather than delay the stop
    asio::post(s->io, [s, graceful] {
        s->stopped = true;
        asio::co_spawn(s->io, shut_down(s, graceful), asio::detached);
    });
    if (s->thread.joinable()) s->thread.join();
    s->maintenance->join();
}

node::~node() { stop(); }

}  // namespace sluice::broker
