// Effective config values with Kafka's precedence and the synonyms DescribeConfigs reports: a topic override,
// then for each broker synonym the per-broker dynamic value, the cluster-wide dynamic default and the static
// (server.properties) value, then the default. Broker configs resolve the same way without the topic level.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/metadata/config_definition.h"
#include "engine/metadata/config_values.h"
#include "engine/metadata/metadata_image.h"
#include "engine/protocol/messages/describe_configs.h"

namespace sluice::metadata {

struct config_synonym {
    std::string name;
    std::optional<std::string> value;
    protocol::config_source source = protocol::config_source::default_config;
};

struct resolved_config {
    const config_definition* definition = nullptr;
    std::optional<std::string> value;  // already converted to the config's unit (hours -> ms)
    protocol::config_source source = protocol::config_source::default_config;
    std::vector<config_synonym> synonyms;  // highest precedence first; the first one gave `value`
};

// What a node knows to resolve values: the image (overrides, dynamic configs) and its static configs.
struct config_sources {
    const metadata_image& image;
    const config_values& static_config;
    int32_t node_id;
};

// `definition` must be a topic-scope config; `topic` may be absent from the image (then: broker defaults).
resolved_config resolve_topic_config(const config_sources& sources, const config_definition& definition,
                                     const std::string& topic);
resolved_config resolve_broker_config(const config_sources& sources, const config_definition& definition);

// Shorthands: the effective value of a topic or broker config by name ("" for unknown names).
std::string topic_config_value(const config_sources& sources, const std::string& topic, std::string_view name);
std::string broker_config_value(const config_sources& sources, std::string_view name);
int64_t topic_config_int(const config_sources& sources, const std::string& topic, std::string_view name);
int64_t broker_config_int(const config_sources& sources, std::string_view name);

}  // namespace sluice::metadata
