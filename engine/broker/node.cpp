#include "engine/broker/node.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "engine/broker/broker_context.h"
#include "engine/broker/handlers/handler_registry.h"
#include "engine/broker/offsets_topic.h"
#include "engine/group/group_coordinator.h"
#include "engine/metadata/controller.h"
#include "engine/net/tcp_server.h"

namespace sluice::broker {

namespace {

// The node's one cleaner thread (Kafka's log.cleaner.threads=1): runs compaction builds off the io thread.
class cleaner_worker {
public:
    ~cleaner_worker() { stop(); }
    void start() {
        thread_ = std::thread([this] { run(); });
    }
    // False once stopping: the work is dropped.
    bool submit(std::function<void()> work) {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        queue_.push_back(std::move(work));
        cv_.notify_one();
        return true;
    }
    // Asks a build in progress to give up early.
    void cancel() { cancel_.store(true); }
    const std::atomic<bool>& cancelled() const { return cancel_; }
    // Cancels the running build, drops pending work and joins.
    void stop() {
        cancel();
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            queue_.clear();
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

private:
    void run() {
        for (;;) {
            std::function<void()> work;
            {
                std::unique_lock lock(mutex_);
                cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (stopping_) return;
                work = std::move(queue_.front());
                queue_.pop_front();
            }
            work();
        }
    }

    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::atomic<bool> cancel_{false};
    std::thread thread_;
};

}  // namespace

struct node::state {
    node_config config;
    metadata::config_values values;
    asio::io_context io{1};
    std::unique_ptr<metadata::metadata_log> metadata_log;
    std::unique_ptr<metadata::controller> controller;
    std::unique_ptr<log_manager> logs;
    std::unique_ptr<broker_context> context;
    std::unique_ptr<net::tcp_server> server;
    std::unique_ptr<asio::steady_timer> retention_timer;
    std::unique_ptr<asio::steady_timer> cleaner_timer;
    std::string cluster_id;
    std::thread thread;
    bool stopped = false;
    std::unique_ptr<offsets_topic> offsets;
    std::unique_ptr<group::group_coordinator> groups;
    bool cleaning = false;  // a compaction task is with the cleaner thread or on its way back
    // Last: destroyed (joined) first, before the logs and the io_context its work refers to.
    cleaner_worker cleaner;
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

// One compaction at a time: plan on the io thread, build on the cleaner thread, commit back on the io thread,
// then the next partition due after this one (so a round covers every partition due, one after the other).
void start_next_compaction(node::state& s, const std::optional<std::pair<std::string, int32_t>>& after) {
    if (s.stopped || s.cleaning) return;
    auto planned = s.logs->plan_compaction(wall_clock_ms(), after);
    if (!planned) return;
    auto task = std::make_shared<log_manager::compaction_task>(std::move(*planned));
    s.cleaning = true;
    const bool queued = s.cleaner.submit([&s, task] {
        auto built = storage::log_cleaner::build(task->job, &s.cleaner.cancelled());
        // Never run if the node stops first: the task's destructor only closes files (leftover .cleaned files
        // are removed when the log is next opened).
        asio::post(s.io, [&s, task, built = std::move(built)] {
            s.cleaning = false;
            if (s.stopped) {
                storage::log_cleaner::discard(task->job);
                return;
            }
            s.logs->finish_compaction(*task, built);
            start_next_compaction(s, std::pair<std::string, int32_t>(task->topic, task->index));
        });
    });
    if (!queued) s.cleaning = false;
}

// The log cleaner: compacts partitions whose cleanup.policy includes compact, every log.cleaner.backoff.ms.
// The pass itself runs on the cleaner thread: producers and consumers of this node are never blocked by it.
void schedule_cleaner(node::state& s) {
    if (!s.values.get_bool("log.cleaner.enable")) return;
    s.cleaner_timer->expires_after(std::chrono::milliseconds(s.values.get_int("log.cleaner.backoff.ms")));
    s.cleaner_timer->async_wait([&s](boost::system::error_code ec) {
        if (ec || s.stopped) return;
        start_next_compaction(s, std::nullopt);
        schedule_cleaner(s);
    });
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
    // Report the directory really in use (DescribeConfigs, the app's broker view), not Kafka's default.
    (void)s->values.set("log.dirs", config.data_dir.string());
    std::error_code fs_error;
    std::filesystem::create_directories(config.data_dir, fs_error);
    if (fs_error)
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot create data dir " + config.data_dir.string() + ": " + fs_error.message());
    auto cluster_id = load_or_create_cluster_id(config.data_dir, s->values.get_string("cluster.id"));
    if (!cluster_id) return cluster_id.err();
    s->cluster_id = cluster_id.value();

    // The metadata log is the source of truth for topics and configs: replay it, then open the logs it names.
    auto metadata_log = metadata::metadata_log::open(config.data_dir, wall_clock_ms());
    if (!metadata_log) return metadata_log.err();
    s->metadata_log = std::move(metadata_log.value());
    s->controller = std::make_unique<metadata::controller>(config.node_id, *s->metadata_log, s->values);
    if (auto loaded = s->controller->load(); !loaded) return loaded.err();
    s->logs = std::make_unique<log_manager>(config.data_dir, *s->controller);
    if (auto loaded = s->logs->load_existing(wall_clock_ms()); !loaded) return loaded.err();

    s->context = std::make_unique<broker_context>(
        broker_context{s->io, config.node_id, config.host, 0, s->cluster_id, s->values, *s->logs});
    // The group coordinator replays __consumer_offsets before the listener opens.
    s->offsets = std::make_unique<offsets_topic>(*s->logs);
    s->groups = std::make_unique<group::group_coordinator>(s->io, group_defaults(s->values), *s->offsets);
    if (auto loaded = s->groups->start(); !loaded) return loaded.err();
    s->context->groups = s->groups.get();
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
    s->context->controller = s->controller.get();
    if (auto registered = s->controller->register_broker(config.host, s->server->port(), std::nullopt); !registered)
        return registered.err();
    s->retention_timer = std::make_unique<asio::steady_timer>(s->io);
    schedule_retention(*s);
    s->cleaner_timer = std::make_unique<asio::steady_timer>(s->io);
    s->cleaner.start();
    schedule_cleaner(*s);
    s->config = std::move(config);
    state* raw = s.get();
    s->thread = std::thread([raw] { raw->io.run(); });
    return std::make_unique<node>(std::move(s));
}

uint16_t node::port() const { return state_->server->port(); }
const std::string& node::cluster_id() const { return state_->cluster_id; }

void node::stop() {
    if (!state_ || state_->stopped) return;
    state* s = state_.get();
    s->cleaner.cancel();  // a long build gives up rather than delay the stop
    asio::post(s->io, [s] {
        s->stopped = true;
        s->server->stop();
        s->retention_timer->cancel();
        s->cleaner_timer->cancel();
        s->groups->stop();
        s->logs->flush_all();
        s->io.stop();
    });
    if (s->thread.joinable()) s->thread.join();
    s->cleaner.stop();
}

node::~node() { stop(); }

}  // namespace sluice::broker
