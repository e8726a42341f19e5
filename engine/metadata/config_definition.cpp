#include "engine/metadata/config_definition.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace sluice::metadata {

namespace {
using enum config_type;
constexpr auto B = config_scope::broker;

// Defaults are Kafka's (3.x). Sizes in bytes, times in milliseconds unless the name says otherwise.
constexpr std::array definitions{
    config_definition{"node.id", int32, "1", B, 0, INT32_MAX, "", true, false, "This node's id in the cluster."},
    config_definition{"broker.id", int32, "1", B, 0, INT32_MAX, "", true, false, "Alias of node.id."},
    config_definition{"listeners", list, "PLAINTEXT://127.0.0.1:9092", B, 0, 0, "", true, false,
                      "Where the broker listens, as LISTENER://host:port."},
    config_definition{"advertised.listeners", list, "", B, 0, 0, "", true, false,
                      "What clients are told to connect to; defaults to listeners."},
    config_definition{"log.dirs", string, "/tmp/sluice-logs", B, 0, 0, "", true, false, "Where partition logs live."},
    config_definition{"cluster.id", string, "", B, 0, 0, "", true, false,
                      "Cluster id; generated on first start and kept in meta.properties."},
    config_definition{"num.partitions", int32, "1", B, 1, INT32_MAX, "", false, false,
                      "Partitions of an auto-created topic."},
    config_definition{"default.replication.factor", int16, "1", B, 1, INT16_MAX, "", false, false,
                      "Replication factor of an auto-created topic."},
    config_definition{"auto.create.topics.enable", boolean, "true", B, 0, 0, "", true, false,
                      "Create a topic when a client asks for its metadata."},
    config_definition{"socket.request.max.bytes", int32, "104857600", B, 1, INT32_MAX, "", true, false,
                      "Largest request frame accepted; larger ones close the connection."},
    config_definition{"message.max.bytes", int32, "1048588", B, 0, INT32_MAX, "", false, false,
                      "Largest record batch accepted."},
    config_definition{"log.segment.bytes", int32, "1073741824", B, 14, INT32_MAX, "", false, false,
                      "Size at which a segment rolls."},
    config_definition{"log.roll.ms", int64, "", B, 1, INT64_MAX, "", false, false, "Age at which a segment rolls."},
    config_definition{"log.roll.hours", int32, "168", B, 1, INT32_MAX, "", false, false,
                      "Age at which a segment rolls, in hours (log.roll.ms wins)."},
    config_definition{"log.retention.ms", int64, "", B, -1, INT64_MAX, "", false, false,
                      "How long to keep a segment; -1 keeps forever."},
    config_definition{"log.retention.minutes", int32, "", B, -1, INT32_MAX, "", false, false,
                      "Retention in minutes (log.retention.ms wins)."},
    config_definition{"log.retention.hours", int32, "168", B, -1, INT32_MAX, "", false, false,
                      "Retention in hours (minutes and ms win)."},
    config_definition{"log.retention.bytes", int64, "-1", B, -1, INT64_MAX, "", false, false,
                      "Size above which old segments are deleted; -1 is unlimited."},
    config_definition{"log.retention.check.interval.ms", int64, "300000", B, 1, INT64_MAX, "", true, false,
                      "How often retention runs."},
    config_definition{"log.index.interval.bytes", int32, "4096", B, 0, INT32_MAX, "", false, false,
                      "Bytes between offset index entries."},
    config_definition{"log.flush.interval.messages", int64, "9223372036854775807", B, 1, INT64_MAX, "", false,
                      false, "fsync after this many messages; Kafka relies on replication instead."},
    config_definition{"log.flush.interval.ms", int64, "", B, 0, INT64_MAX, "", false, false,
                      "fsync at least this often."},
    config_definition{"min.insync.replicas", int32, "1", B, 1, INT32_MAX, "", false, false,
                      "Replicas that must have a record before acks=all succeeds."},
    config_definition{"group.initial.rebalance.delay.ms", int32, "3000", B, 0, INT32_MAX, "", true, false,
                      "Wait for more members before the first rebalance of an empty group."},
    config_definition{"offsets.topic.num.partitions", int32, "50", B, 1, INT32_MAX, "", true, false,
                      "Partitions of __consumer_offsets."},
    config_definition{"offsets.retention.minutes", int32, "10080", B, 1, INT32_MAX, "", false, false,
                      "How long committed offsets of an empty group are kept."},
};

bool parse_integer(std::string_view text, int64_t& out) {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}
}  // namespace

std::span<const config_definition> config_definitions() { return definitions; }

const config_definition* find_config(std::string_view name) {
    for (const auto& def : definitions)
        if (def.name == name) return &def;
    return nullptr;
}

result<void> validate_config_value(const config_definition& def, std::string_view value) {
    auto invalid = [&](std::string_view why) {
        return make_error(protocol::error_code::invalid_config, "Invalid value " + std::string(value) +
                                                                    " for configuration " + std::string(def.name) +
                                                                    ": " + std::string(why));
    };
    switch (def.type) {
        case config_type::boolean:
            if (value != "true" && value != "false") return invalid("expected true or false");
            return {};
        case config_type::int16:
        case config_type::int32:
        case config_type::int64: {
            int64_t n = 0;
            if (!parse_integer(value, n)) return invalid("not a whole number");
            int64_t type_min = def.type == config_type::int16 ? INT16_MIN : def.type == config_type::int32 ? INT32_MIN : INT64_MIN;
            int64_t type_max = def.type == config_type::int16 ? INT16_MAX : def.type == config_type::int32 ? INT32_MAX : INT64_MAX;
            if (n < std::max(def.min, type_min)) return invalid("must be at least " + std::to_string(std::max(def.min, type_min)));
            if (n > std::min(def.max, type_max)) return invalid("must be at most " + std::to_string(std::min(def.max, type_max)));
            return {};
        }
        case config_type::double_value: {
            char* end = nullptr;
            std::string copy(value);
            (void)std::strtod(copy.c_str(), &end);
            if (copy.empty() || end != copy.c_str() + copy.size()) return invalid("not a number");
            return {};
        }
        case config_type::string:
        case config_type::list:
            if (!def.allowed.empty()) {
                std::string_view rest = def.allowed;
                while (!rest.empty()) {
                    auto comma = rest.find(',');
                    if (rest.substr(0, comma) == value) return {};
                    if (comma == std::string_view::npos) break;
                    rest.remove_prefix(comma + 1);
                }
                return invalid("must be one of " + std::string(def.allowed));
            }
            return {};
    }
    return {};
}

}  // namespace sluice::metadata
