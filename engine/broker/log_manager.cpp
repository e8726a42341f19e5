#include "engine/broker/log_manager.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "engine/metadata/effective_config.h"
#include "engine/storage/producer_snapshot.h"

namespace sluice::broker {

namespace {
bool replicates(const metadata::partition_state& p, int32_t node_id) {
    return std::find(p.replicas.begin(), p.replicas.end(), node_id) != p.replicas.end();
}

// A partition this node no longer replicates: it stops serving, then its files go (as Kafka deletes them).
void destroy(const std::string& topic, int32_t index, partition& p) {
    p.resign();
    if (auto gone = p.log().destroy(); !gone)
        std::cerr << "sluice: cannot delete the log of " << topic << "-" << index << ": " << gone.err().message << "\n";
}
}  // namespace

log_manager::log_manager(std::filesystem::path data_dir, metadata::controller& controller)
    : data_dir_(std::move(data_dir)), controller_(controller) {}

result<void> log_manager::load_existing(int64_t now_ms) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir_, ec);
    if (ec) return make_error(protocol::error_code::kafka_storage_error, "cannot create " + data_dir_.string() + ": " + ec.message());
    for (const auto& [name, topic] : controller_.image().topics())
        for (const auto& [index, p] : topic.partitions)
            if (replicates(p, controller_.node_id()))
                if (auto opened = open_partition(name, index, false, now_ms); !opened) return opened;
    controller_.subscribe([this](const metadata::metadata_image& image, std::span<const metadata::metadata_record> records) {
        on_metadata(image, records);
    });
    return {};
}

result<void> log_manager::create_topic(const std::string& name, int32_t partitions, int64_t, topic_configs configs,
                                       int16_t replication_factor) {
    metadata::new_topic topic;
    topic.name = name;
    topic.num_partitions = partitions;
    topic.replication_factor = replication_factor;
    topic.configs = std::move(configs);
    if (controller_.image().find_topic(name))
        return make_error(protocol::error_code::topic_already_exists, "Topic '" + name + "' already exists.");
    if (!creator_) return make_error(protocol::error_code::not_controller, "no controller to create topics with");
    return creator_(std::move(topic));
}

partition* log_manager::find(const std::string& topic, int32_t index) {
    auto it = topics_.find(topic);
    if (it == topics_.end()) return nullptr;
    auto p = it->second.find(index);
    return p == it->second.end() ? nullptr : p->second.get();
}

const topic_policy& log_manager::policy(const std::string& topic) const {
    static const topic_policy defaults;
    auto it = policies_.find(topic);
    return it == policies_.end() ? defaults : it->second;
}

storage::log_config log_manager::log_config_for(const std::string& topic) const {
    auto s = controller_.sources();
    auto get = [&](std::string_view name) { return metadata::topic_config_int(s, topic, name); };
    storage::log_config cfg;
    cfg.segment_bytes = get("segment.bytes");
    cfg.segment_ms = get("segment.ms");
    cfg.index_interval_bytes = static_cast<int32_t>(get("index.interval.bytes"));
    cfg.retention_ms = get("retention.ms");
    cfg.retention_bytes = get("retention.bytes");
    cfg.flush_messages = get("flush.messages");
    cfg.flush_ms = get("flush.ms");
    (void)storage::parse_cleanup_policy(metadata::topic_config_value(s, topic, "cleanup.policy"), cfg);
    cfg.delete_retention_ms = get("delete.retention.ms");
    cfg.min_compaction_lag_ms = get("min.compaction.lag.ms");
    cfg.min_cleanable_dirty_ratio = std::strtod(metadata::topic_config_value(s, topic, "min.cleanable.dirty.ratio").c_str(), nullptr);
    return cfg;
}

result<void> log_manager::open_partition(const std::string& topic, int32_t index, bool fresh, int64_t now_ms) {
    auto& hosted = topics_[topic];
    if (hosted.contains(index)) return {};
    auto dir = data_dir_ / (topic + "-" + std::to_string(index));
    if (fresh) {
        // A new partition starts empty, even if files of an older topic of that name were left behind.
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    auto log = storage::partition_log::open(dir, log_config_for(topic), now_ms);
    if (!log) return log.err();
    log.value()->set_flusher(&flusher_);
    // Kafka's leader-epoch-checkpoint beside the segments: where each leader epoch started in this log.
    auto epochs = replication::leader_epoch_cache::open(dir / "leader-epoch-checkpoint");
    if (!epochs) return epochs.err();
    epochs->set_flusher(&flusher_);
    // Truncations reach the file in the background: after a crash it may still name epochs past the log end
    // or before its start. Drop them, as Kafka's log loading does (leader_epoch_cache.h says why that is safe).
    if (auto trimmed = epochs->truncate_from_end(replication::offset(log.value()->log_end_offset())); !trimmed)
        return trimmed.err();
    if (auto trimmed = epochs->truncate_from_start(replication::offset(log.value()->log_start_offset())); !trimmed)
        return trimmed.err();
    // The idempotent producers of the log: its newest producer snapshot plus the batches after it.
    auto producers = storage::rebuild_producer_state(*log.value());
    if (!producers) return producers.err();
    hosted.emplace(index, std::make_unique<partition>(topic, index, std::move(log.value()), std::move(epochs.value()),
                                                      std::move(producers.value())));
    refresh_config(topic);
    return {};
}

void log_manager::refresh_config(const std::string& topic) {
    auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    auto cfg = log_config_for(topic);
    for (auto& [index, p] : it->second) p->log().update_config(cfg);
    auto s = controller_.sources();
    topic_policy& policy = policies_[topic];
    policy.max_message_bytes = metadata::topic_config_int(s, topic, "max.message.bytes");
    policy.log_append_time = metadata::topic_config_value(s, topic, "message.timestamp.type") == "LogAppendTime";
    policy.min_insync_replicas = static_cast<int32_t>(metadata::topic_config_int(s, topic, "min.insync.replicas"));
}

void log_manager::remove_deleted_topics(const metadata::metadata_image& image) {
    for (auto it = topics_.begin(); it != topics_.end();) {
        if (image.find_topic(it->first)) {
            ++it;
            continue;
        }
        for (auto& [index, p] : it->second) destroy(it->first, index, *p);
        policies_.erase(it->first);
        it = topics_.erase(it);
    }
}

void log_manager::on_metadata(const metadata::metadata_image& image, std::span<const metadata::metadata_record> records) {
    int64_t now_ms = wall_clock_ms();
    bool all_configs = false;
    for (const auto& record : records) {
        if (std::holds_alternative<metadata::remove_topic_record>(record)) {
            remove_deleted_topics(image);
        } else if (const auto* p = std::get_if<metadata::partition_record>(&record)) {
            const auto* topic = image.find_topic(p->topic_id);
            if (!topic || std::find(p->replicas.begin(), p->replicas.end(), controller_.node_id()) == p->replicas.end())
                continue;
            // A replayed record's partition files are its own (kept); a new partition starts empty.
            if (auto opened = open_partition(topic->name, p->partition_id, !controller_.replaying(), now_ms); !opened)
                std::cerr << "sluice: cannot open the log of " << topic->name << "-" << p->partition_id << ": "
                          << opened.err().message << "\n";
        } else if (const auto* change = std::get_if<metadata::partition_change_record>(&record)) {
            if (change->replicas) follow_replicas(image, *change, now_ms);
        } else if (const auto* c = std::get_if<metadata::config_record>(&record)) {
            if (c->resource_type == protocol::resource_type_topic) refresh_config(c->resource_name);
            else all_configs = true;
        }
    }
    if (all_configs)
        for (const auto& [name, partitions] : topics_) refresh_config(name);
}

void log_manager::follow_replicas(const metadata::metadata_image& image,
                                  const metadata::partition_change_record& change, int64_t now_ms) {
    const auto* topic = image.find_topic(change.topic_id);
    if (!topic) return;
    const int32_t index = change.partition_id;
    auto state = topic->partitions.find(index);
    const bool wanted = state != topic->partitions.end() && replicates(state->second, controller_.node_id());
    if (wanted) {
        // Newly a replica (a reassignment adds it): an empty log, filled by fetching from the leader.
        if (auto opened = open_partition(topic->name, index, !find(topic->name, index), now_ms); !opened)
            std::cerr << "sluice: cannot open the log of " << topic->name << "-" << index << ": "
                      << opened.err().message << "\n";
        return;
    }
    // Reassigned away: the change is committed, so no leader will count this copy again.
    auto hosted = topics_.find(topic->name);
    if (hosted == topics_.end()) return;
    if (auto it = hosted->second.find(index); it != hosted->second.end()) {
        destroy(topic->name, index, *it->second);
        hosted->second.erase(it);
    }
}

std::size_t log_manager::expire_producers(int64_t now_ms, int64_t expiration_ms) {
    std::size_t expired = 0;
    for (auto& [name, partitions] : topics_)
        for (auto& [index, p] : partitions) expired += p->expire_producers(now_ms, expiration_ms);
    return expired;
}

std::size_t log_manager::apply_retention(int64_t now_ms) {
    std::size_t deleted = 0;
    for (auto& [name, partitions] : topics_)
        for (auto& [index, p] : partitions) deleted += p->log().apply_retention(now_ms);
    return deleted;
}

void log_manager::compact_due(int64_t now_ms) {
    for (auto& [name, partitions] : topics_)
        for (auto& [index, p] : partitions) {
            auto& log = p->log();
            if (!log.config().compact || !log.needs_compaction(now_ms, p->high_watermark())) continue;
            if (auto cleaned = log.compact(now_ms, p->high_watermark()); !cleaned)
                std::cerr << "sluice: compaction of " << name << "-" << index << " failed: " << cleaned.err().message
                          << "\n";
        }
}

std::optional<log_manager::compaction_task> log_manager::plan_compaction(
    int64_t now_ms, const std::optional<std::pair<std::string, int32_t>>& after) {
    for (auto& [name, partitions] : topics_)
        for (auto& [index, p] : partitions) {
            if (after && std::pair<std::string, int32_t>(name, index) <= *after) continue;
            auto& log = p->log();
            if (!log.config().compact || !log.needs_compaction(now_ms, p->high_watermark())) continue;
            auto job = log.plan_compaction(now_ms, p->high_watermark());
            if (!job) {
                std::cerr << "sluice: compaction of " << name << "-" << index << " failed: " << job.err().message
                          << "\n";
                continue;
            }
            if (job->empty()) continue;
            return compaction_task{name, index, std::move(*job)};
        }
    return std::nullopt;
}

void log_manager::finish_compaction(compaction_task& task, const result<void>& built) {
    partition* p = find(task.topic, task.index);
    storage::partition_log* log = p && p->log().id() == task.job.log_id ? &p->log() : nullptr;
    if (!built) {
        if (log) log->abandon_compaction(task.job);
        else storage::log_cleaner::discard(task.job);
        std::cerr << "sluice: compaction of " << task.topic << "-" << task.index << " failed: " << built.err().message
                  << "\n";
        return;
    }
    if (!log) {
        storage::log_cleaner::discard(task.job);  // the partition went away while its pass was being built
        return;
    }
    if (auto cleaned = log->commit_compaction(task.job); !cleaned)
        std::cerr << "sluice: compaction of " << task.topic << "-" << task.index << " failed: " << cleaned.err().message
                  << "\n";
}

void log_manager::flush_all() {
    for (auto& [name, partitions] : topics_)
        for (auto& [index, p] : partitions) {
            (void)p->log().flush();
            // A clean shutdown snapshots the producer state at the log end, so a restart replays nothing.
            (void)p->snapshot_producers();
        }
    flusher_.drain();  // and what rolls queued before
}

}  // namespace sluice::broker
