// DescribeConfigs (key 32): the configs of topics and brokers with value, source, read-only, sensitive and
// (v1+) synonyms in precedence order.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

// Kafka's ConfigResource.Type ids.
inline constexpr int8_t resource_type_topic = 2;
inline constexpr int8_t resource_type_broker = 4;
inline constexpr int8_t resource_type_broker_logger = 8;

// Kafka's DescribeConfigsResponse.ConfigSource ids.
enum class config_source : int8_t {
    unknown = 0, topic_config = 1, dynamic_broker_config = 2, dynamic_default_broker_config = 3,
    static_broker_config = 4, default_config = 5, dynamic_broker_logger_config = 6,
};

struct describe_configs_request {
    struct resource {
        int8_t resource_type = 0;
        std::string resource_name;
        std::optional<std::vector<std::string>> configuration_keys;  // null: all
        static constexpr auto schema() {
            using T = resource;
            return std::tuple{field(&T::resource_type, "ResourceType"), field(&T::resource_name, "ResourceName"),
                              field(&T::configuration_keys, "ConfigurationKeys")};
        }
    };
    std::vector<resource> resources;
    bool include_synonyms = false;
    bool include_documentation = false;
    static constexpr auto schema() {
        using T = describe_configs_request;
        return std::tuple{field(&T::resources, "Resources"), field(&T::include_synonyms, "IncludeSynonyms", 1),
                          field(&T::include_documentation, "IncludeDocumentation", 3)};
    }
};

struct describe_configs_response {
    struct synonym {
        std::string name;
        std::optional<std::string> value;
        int8_t source = 0;
        static constexpr auto schema() {
            return std::tuple{field(&synonym::name, "Name", 1), field(&synonym::value, "Value", 1),
                              field(&synonym::source, "Source", 1)};
        }
    };
    struct config {
        std::string name;
        std::optional<std::string> value;
        bool read_only = false;
        bool is_default = false;  // v0 only
        int8_t config_source = -1;
        bool is_sensitive = false;
        std::vector<synonym> synonyms;
        int8_t config_type = 0;
        std::optional<std::string> documentation;
        static constexpr auto schema() {
            using T = config;
            return std::tuple{field(&T::name, "Name"), field(&T::value, "Value"), field(&T::read_only, "ReadOnly"),
                              field(&T::is_default, "IsDefault", 0, 0), field(&T::config_source, "ConfigSource", 1),
                              field(&T::is_sensitive, "IsSensitive"), field(&T::synonyms, "Synonyms", 1),
                              field(&T::config_type, "ConfigType", 3), field(&T::documentation, "Documentation", 3)};
        }
    };
    struct result {
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        int8_t resource_type = 0;
        std::string resource_name;
        std::vector<config> configs;
        static constexpr auto schema() {
            using T = result;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::error_message, "ErrorMessage"),
                              field(&T::resource_type, "ResourceType"), field(&T::resource_name, "ResourceName"),
                              field(&T::configs, "Configs")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<result> results;
    static constexpr auto schema() {
        using T = describe_configs_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::results, "Results")};
    }
};

struct describe_configs_api {
    static constexpr api_key key = api_key::describe_configs;
    using request = describe_configs_request;
    using response = describe_configs_response;
};

SLUICE_DECLARE_CODEC(describe_configs_request);
SLUICE_DECLARE_CODEC(describe_configs_response);

}  // namespace sluice::protocol
