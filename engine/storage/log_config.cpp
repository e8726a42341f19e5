#include "engine/storage/log_config.h"

#include <string>

namespace sluice::storage {

namespace {
error invalid(const char* name, int64_t value, const char* rule) {
    return make_error(protocol::error_code::invalid_config, std::string("Invalid value ") + std::to_string(value) +
                                                                " for configuration " + name + ": " + rule);
}
}  // namespace

result<void> validate(const log_config& cfg) {
    // segment.bytes: Kafka's minimum is 14 bytes; positions in the .index are int32, hence the maximum.
    if (cfg.segment_bytes < 14 || cfg.segment_bytes > std::numeric_limits<int32_t>::max())
        return invalid("segment.bytes", cfg.segment_bytes, "Value must be in [14, 2147483647]");
    if (cfg.segment_ms < 1) return invalid("segment.ms", cfg.segment_ms, "Value must be at least 1");
    if (cfg.index_interval_bytes < 0)
        return invalid("index.interval.bytes", cfg.index_interval_bytes, "Value must be at least 0");
    if (cfg.retention_ms < -1) return invalid("retention.ms", cfg.retention_ms, "Value must be at least -1");
    if (cfg.retention_bytes < -1) return invalid("retention.bytes", cfg.retention_bytes, "Value must be at least -1");
    if (cfg.flush_messages < 1) return invalid("flush.messages", cfg.flush_messages, "Value must be at least 1");
    if (cfg.flush_ms < 0) return invalid("flush.ms", cfg.flush_ms, "Value must be at least 0");
    if (cfg.delete_retention_ms < 0)
        return invalid("delete.retention.ms", cfg.delete_retention_ms, "Value must be at least 0");
    if (cfg.min_compaction_lag_ms < 0)
        return invalid("min.compaction.lag.ms", cfg.min_compaction_lag_ms, "Value must be at least 0");
    // Written with ! so that NaN fails too.
    if (!(cfg.min_cleanable_dirty_ratio >= 0.0 && cfg.min_cleanable_dirty_ratio <= 1.0)) {
        return make_error(protocol::error_code::invalid_config,
                          "Invalid value " + std::to_string(cfg.min_cleanable_dirty_ratio) +
                              " for configuration min.cleanable.dirty.ratio: Value must be in [0, 1]");
    }
    return {};
}

result<void> parse_cleanup_policy(std::string_view value, log_config& cfg) {
    bool del = false;
    bool compact = false;
    while (!value.empty()) {
        const auto comma = value.find(',');
        std::string_view item = value.substr(0, comma);
        value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == "delete") {
            del = true;
        } else if (item == "compact") {
            compact = true;
        } else {
            return make_error(protocol::error_code::invalid_config,
                              "Invalid value " + std::string(item) +
                                  " for configuration cleanup.policy: String must be one of: compact, delete");
        }
    }
    cfg.delete_ = del;
    cfg.compact = compact;
    return {};
}

}  // namespace sluice::storage
