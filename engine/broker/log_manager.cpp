#include "engine/broker/log_manager.h"

#include <charconv>

#include "engine/metadata/topic_name.h"

namespace sluice::broker {

log_manager::log_manager(std::filesystem::path data_dir, storage::log_config defaults)
    : data_dir_(std::move(data_dir)), defaults_(defaults) {}

result<void> log_manager::load_existing(int64_t now_ms) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir_, ec);
    if (ec) return make_error(protocol::error_code::kafka_storage_error, "cannot create " + data_dir_.string() + ": " + ec.message());
    std::map<std::string, std::map<int32_t, std::filesystem::path>> found;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir_, ec)) {
        if (!entry.is_directory()) continue;
        std::string name = entry.path().filename().string();
        auto dash = name.rfind('-');
        if (dash == std::string::npos || dash == 0) continue;
        int32_t index = -1;
        auto digits = std::string_view(name).substr(dash + 1);
        auto [ptr, perr] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (perr != std::errc{} || ptr != digits.data() + digits.size() || index < 0) continue;
        std::string topic = name.substr(0, dash);
        if (!metadata::validate_topic_name(topic)) continue;
        found[topic][index] = entry.path();
    }
    for (auto& [topic, partitions] : found) {
        auto& list = topics_[topic];
        for (auto& [index, path] : partitions) {
            if (index != static_cast<int32_t>(list.size())) break;  // a gap: keep the contiguous prefix
            auto log = storage::partition_log::open(path, defaults_, now_ms);
            if (!log) return log.err();
            list.push_back(std::make_unique<partition>(topic, index, std::move(log.value())));
        }
    }
    return {};
}

result<void> log_manager::create_topic(const std::string& name, int32_t partitions, int64_t now_ms) {
    if (auto valid = metadata::validate_topic_name(name); !valid) return valid;
    if (topics_.contains(name))
        return make_error(protocol::error_code::topic_already_exists, "Topic '" + name + "' already exists.");
    if (partitions < 1)
        return make_error(protocol::error_code::invalid_partitions, "Number of partitions must be larger than 0.");
    std::vector<std::unique_ptr<partition>> list;
    for (int32_t i = 0; i < partitions; ++i) {
        auto log = storage::partition_log::open(data_dir_ / (name + "-" + std::to_string(i)), defaults_, now_ms);
        if (!log) return log.err();
        list.push_back(std::make_unique<partition>(name, i, std::move(log.value())));
    }
    topics_.emplace(name, std::move(list));
    return {};
}

partition* log_manager::find(const std::string& topic, int32_t index) {
    auto it = topics_.find(topic);
    if (it == topics_.end() || index < 0 || index >= static_cast<int32_t>(it->second.size())) return nullptr;
    return it->second[static_cast<std::size_t>(index)].get();
}

std::size_t log_manager::apply_retention(int64_t now_ms) {
    std::size_t deleted = 0;
    for (auto& [name, partitions] : topics_)
        for (auto& p : partitions) deleted += p->log().apply_retention(now_ms);
    return deleted;
}

void log_manager::flush_all() {
    for (auto& [name, partitions] : topics_)
        for (auto& p : partitions) (void)p->log().flush();
}

}  // namespace sluice::broker
