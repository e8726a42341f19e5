// The partition logs this node hosts, driven by the metadata image: it opens a log for every partition whose
// replicas include this node, deletes a deleted topic's logs and those of partitions reassigned away, and gives each
// log its effective topic config (topic override > dynamic broker config > server.properties > Kafka default),
// re-applied on every change.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/storage/background_flusher.h"
#include "engine/metadata/controller.h"
#include "engine/storage/log_config.h"

namespace sluice::broker {

// What the produce path needs from a topic's effective configs.
struct topic_policy {
    int64_t max_message_bytes = 1048588;  // max.message.bytes
    bool log_append_time = false;         // message.timestamp.type=LogAppendTime
    int32_t min_insync_replicas = 1;      // min.insync.replicas
};

class log_manager {
public:
    using topic_configs = std::vector<std::pair<std::string, std::optional<std::string>>>;

    log_manager(std::filesystem::path data_dir, metadata::controller& controller);

    // Opens the logs of every partition of the image this node replicates (recovering torn tails), then
    // follows the controller's changes. Directories the image does not know are left alone.
    result<void> load_existing(int64_t now_ms);
    // Creates a topic through the controller (replication factor: default.replication.factor), for the
    // auto-create path and internal topics; TOPIC_ALREADY_EXISTS if it is there. The node decides how (the
    // topic creator): at once on a quorum of one, else asynchronously with LEADER_NOT_AVAILABLE meanwhile.
    // `replication_factor` -1: default.replication.factor.
    result<void> create_topic(const std::string& name, int32_t partitions, int64_t now_ms, topic_configs configs = {},
                              int16_t replication_factor = -1);
    using topic_creator = std::function<result<void>(metadata::new_topic)>;
    void set_topic_creator(topic_creator creator) { creator_ = std::move(creator); }

    bool has_topic(const std::string& name) const { return controller_.image().find_topic(name) != nullptr; }
    partition* find(const std::string& topic, int32_t index);
    // Topic name -> the partitions of it hosted here, by partition index.
    const std::map<std::string, std::map<int32_t, std::unique_ptr<partition>>>& topics() const { return topics_; }
    // The topic's produce settings (defaults for a topic not hosted here).
    const topic_policy& policy(const std::string& topic) const;
    // The topic's effective log settings, from its overrides and the broker's defaults.
    storage::log_config log_config_for(const std::string& topic) const;
    const std::filesystem::path& data_dir() const { return data_dir_; }

    std::size_t apply_retention(int64_t now_ms);
    // producer.id.expiration.ms over every hosted partition; returns how many producers were forgotten.
    std::size_t expire_producers(int64_t now_ms, int64_t expiration_ms);
    // Compacts every partition whose cleanup.policy includes compact and whose dirty ratio calls for it,
    // never past the high watermark (records that replication could still truncate don't win over older ones).
    // Runs on the caller's thread for the whole pass; the node uses the phased calls below instead.
    void compact_due(int64_t now_ms);

    // Phased compaction (storage/log_cleaner.h), so that the heavy part runs on the node's cleaner thread.
    struct compaction_task {
        std::string topic;
        int32_t index = 0;
        storage::cleaning_job job;
    };
    // Plans the pass of the first partition due for one that comes after `after` in (topic, index) order (all
    // of them without it); nullopt when none is due. Then: log_cleaner::build(task.job) on any thread, and
    // finish_compaction() back on this one.
    std::optional<compaction_task> plan_compaction(int64_t now_ms,
                                                   const std::optional<std::pair<std::string, int32_t>>& after);
    // Commits a built task, or abandons one whose build failed. The partition is looked up again: if it is gone
    // or is another log instance now (topic deleted, maybe re-created), the cleaned files are discarded.
    void finish_compaction(compaction_task& task, const result<void>& built);
    void flush_all();

private:
    void on_metadata(const metadata::metadata_image& image, std::span<const metadata::metadata_record> records);
    // Opens (or, with `fresh`, first wipes stale files of) one partition's log.
    result<void> open_partition(const std::string& topic, int32_t index, bool fresh, int64_t now_ms);
    void remove_deleted_topics(const metadata::metadata_image& image);
    // A committed change of a partition's replicas: opens its log here if this node joined them, deletes it
    // if this node left them.
    void follow_replicas(const metadata::metadata_image& image, const metadata::partition_change_record& change,
                         int64_t now_ms);
    void refresh_config(const std::string& topic);

    std::filesystem::path data_dir_;
    metadata::controller& controller_;
    // Segment-roll and flush.ms/flush.messages fsyncs of every hosted log, off the io thread. Declared before
    // the logs, which point at it, so it outlives them.
    storage::background_flusher flusher_;
    std::map<std::string, std::map<int32_t, std::unique_ptr<partition>>> topics_;
    std::map<std::string, topic_policy> policies_;
    topic_creator creator_;
};

}  // namespace sluice::broker
