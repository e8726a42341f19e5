#include "engine/broker/node.h"

#include <fstream>
#include <random>
#include <thread>

#include "engine/broker/broker_context.h"
#include "engine/broker/handlers/handler_registry.h"
#include "engine/net/tcp_server.h"

namespace sluice::broker {

struct node::state {
    node_config config;
    metadata::config_values values;
    asio::io_context io{1};
    std::unique_ptr<log_manager> logs;
    std::unique_ptr<broker_context> context;
    std::unique_ptr<net::tcp_server> server;
    std::unique_ptr<asio::steady_timer> retention_timer;
    std::string cluster_id;
    std::thread thread;
    bool stopped = false;
};

namespace {

// Kafka-style cluster id: 16 random bytes in URL-safe base64 without padding (22 characters).
std::string generate_cluster_id() {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::random_device rd;
    std::string id;
    for (int i = 0; i < 22; ++i) id += alphabet[rd() % 64];
    return id;
}

// meta.properties keeps the cluster id stable across restarts, like Kafka's.
result<std::string> load_or_create_cluster_id(const std::filesystem::path& dir, const std::string& configured) {
    auto file = dir / "meta.properties";
    metadata::config_values meta;
    if (std::filesystem::exists(file)) {
        if (auto ok = meta.load_properties_file(file); !ok) return ok.err();
        std::string stored = meta.get_string("cluster.id");
        if (!configured.empty() && !stored.empty() && stored != configured)
            return make_error(protocol::error_code::inconsistent_cluster_id,
                              "data dir " + dir.string() + " belongs to cluster " + stored + ", not " + configured);
        if (!stored.empty()) return stored;
    }
    std::string id = configured.empty() ? generate_cluster_id() : configured;
    std::ofstream out(file);
    out << "version=1\ncluster.id=" << id << "\n";
    if (!out) return make_error(protocol::error_code::kafka_storage_error, "cannot write " + file.string());
    return id;
}

int64_t hours_to_ms(int64_t h) { return h < 0 ? -1 : h * 3600 * 1000; }

// Broker-level log defaults, with Kafka's precedence (ms over minutes over hours).
storage::log_config log_defaults(const metadata::config_values& v) {
    storage::log_config cfg;
    cfg.segment_bytes = v.get_int("log.segment.bytes");
    cfg.segment_ms = v.has("log.roll.ms") ? v.get_int("log.roll.ms") : hours_to_ms(v.get_int("log.roll.hours"));
    cfg.index_interval_bytes = static_cast<int32_t>(v.get_int("log.index.interval.bytes"));
    if (v.has("log.retention.ms"))
        cfg.retention_ms = v.get_int("log.retention.ms");
    else if (v.has("log.retention.minutes"))
        cfg.retention_ms = v.get_int("log.retention.minutes") < 0 ? -1 : v.get_int("log.retention.minutes") * 60000;
    else
        cfg.retention_ms = hours_to_ms(v.get_int("log.retention.hours"));
    cfg.retention_bytes = v.get_int("log.retention.bytes");
    cfg.flush_messages = v.get_int("log.flush.interval.messages");
    if (v.has("log.flush.interval.ms")) cfg.flush_ms = v.get_int("log.flush.interval.ms");
    return cfg;
}

void schedule_retention(node::state& s) {
    s.retention_timer->expires_after(std::chrono::milliseconds(s.values.get_int("log.retention.check.interval.ms")));
    s.retention_timer->async_wait([&s](boost::system::error_code ec) {
        if (ec || s.stopped) return;
        s.logs->apply_retention(wall_clock_ms());
        schedule_retention(s);
    });
}

}  // namespace

node::node(std::unique_ptr<state> s) : state_(std::move(s)) {}

result<std::unique_ptr<node>> node::start(node_config config) {
    auto s = std::make_unique<state>();
    for (const auto& [name, value] : config.properties)
        if (auto ok = s->values.set(name, value); !ok) return ok.err();
    if (config.data_dir.empty())
        return make_error(protocol::error_code::invalid_config, "a data directory is required (log.dirs / --data-dir)");
    std::error_code fs_error;
    std::filesystem::create_directories(config.data_dir, fs_error);
    if (fs_error)
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot create data dir " + config.data_dir.string() + ": " + fs_error.message());
    auto cluster_id = load_or_create_cluster_id(config.data_dir, s->values.get_string("cluster.id"));
    if (!cluster_id) return cluster_id.err();
    s->cluster_id = cluster_id.value();

    s->logs = std::make_unique<log_manager>(config.data_dir, log_defaults(s->values));
    if (auto loaded = s->logs->load_existing(wall_clock_ms()); !loaded) return loaded.err();

    s->context = std::unique_ptr<broker_context>(new broker_context{
        s->io, config.node_id, config.host, 0, s->cluster_id, s->values, *s->logs});
    broker_context* context = s->context.get();
    net::server_limits limits;
    limits.max_request_bytes = static_cast<int32_t>(s->values.get_int("socket.request.max.bytes"));
    auto server = net::tcp_server::start(s->io, config.host, config.port, limits,
                                         [context](net::connection_info& info, protocol::bytes frame) {
                                             return dispatch_request(*context, info, std::move(frame));
                                         });
    if (!server) return server.err();
    s->server = std::move(server.value());
    s->context->advertised_port = s->server->port();
    s->retention_timer = std::make_unique<asio::steady_timer>(s->io);
    schedule_retention(*s);
    s->config = std::move(config);
    state* raw = s.get();
    s->thread = std::thread([raw] { raw->io.run(); });
    return std::unique_ptr<node>(new node(std::move(s)));
}

uint16_t node::port() const { return state_->server->port(); }
const std::string& node::cluster_id() const { return state_->cluster_id; }

void node::stop() {
    if (!state_ || state_->stopped) return;
    state* s = state_.get();
    asio::post(s->io, [s] {
        s->stopped = true;
        s->server->stop();
        s->retention_timer->cancel();
        s->logs->flush_all();
        s->io.stop();
    });
    if (s->thread.joinable()) s->thread.join();
}

node::~node() { stop(); }

}  // namespace sluice::broker
