// The topics and partitions this node hosts, found on disk at start and created on demand.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/broker/partition.h"
#include "engine/storage/log_config.h"

namespace sluice::broker {

class log_manager {
public:
    log_manager(std::filesystem::path data_dir, storage::log_config defaults);

    // Opens every `<topic>-<partition>` directory under the data dir (recovering torn tails).
    result<void> load_existing(int64_t now_ms);
    // Creates a topic with `partitions` partitions; TOPIC_ALREADY_EXISTS if it is there.
    result<void> create_topic(const std::string& name, int32_t partitions, int64_t now_ms);

    bool has_topic(const std::string& name) const { return topics_.contains(name); }
    partition* find(const std::string& topic, int32_t index);
    // Topic name -> its partitions, in partition order.
    const std::map<std::string, std::vector<std::unique_ptr<partition>>>& topics() const { return topics_; }

    std::size_t apply_retention(int64_t now_ms);
    void flush_all();

private:
    std::filesystem::path data_dir_;
    storage::log_config defaults_;
    std::map<std::string, std::vector<std::unique_ptr<partition>>> topics_;
};

}  // namespace sluice::broker
