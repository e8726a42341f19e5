// One registry of the configs the engine accepts, with Kafka's names, types, defaults and validation.
// Broker configs (server.properties) live here; topic-level configs join this registry with their scope.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/common/result.h"

namespace sluice::metadata {

enum class config_type { boolean, int32, int64, int16, string, list, double_value };
enum class config_scope { broker, topic };

struct config_definition {
    std::string_view name;
    config_type type;
    std::string_view default_value;  // as Kafka documents it; "" with nullable means no default
    config_scope scope;
    int64_t min = INT64_MIN;  // numeric bounds, inclusive
    int64_t max = INT64_MAX;
    std::string_view allowed;  // comma-separated choices for enumerated strings; empty = any
    bool read_only = false;    // static broker configs need a restart
    bool sensitive = false;
    std::string_view doc;
    // Topic configs: the broker configs that supply the default, in precedence order (e.g. log.retention.ms,
    // log.retention.minutes, log.retention.hours); a ".minutes"/".hours" synonym is converted to ms.
    std::string_view synonyms = {};
    // false: a Kafka 3.x config Sluice accepts, stores and describes (so tools and clients that set it keep
    // working) but does not act on; DescribeConfigs' documentation says so.
    bool has_effect = true;
};

// What DescribeConfigs documents for `def`: its doc, plus the no-effect notice where that applies.
std::string config_documentation(const config_definition& def);

std::span<const config_definition> config_definitions();
const config_definition* find_config(std::string_view name);
// The definition of `name` in one scope (a name such as min.insync.replicas exists at both).
const config_definition* find_config(std::string_view name, config_scope scope);

// A per-listener override, listener.name.<listener>.<config> (or .<mechanism>.sasl.jaas.config): the
// definition of the config it overrides; nullptr when `name` is not one or overrides nothing known.
const config_definition* find_listener_override(std::string_view name);

// Checks a textual value against its definition; the error message names the key and the reason, the way
// Kafka's INVALID_CONFIG does ("Invalid value x for configuration num.partitions: must be at least 1").
result<void> validate_config_value(const config_definition& def, std::string_view value);

}  // namespace sluice::metadata
