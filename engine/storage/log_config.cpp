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
    return {};
}

}  // namespace sluice::storage
