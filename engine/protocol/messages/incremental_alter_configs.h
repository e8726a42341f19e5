// IncrementalAlterConfigs (key 44): SET/DELETE/APPEND/SUBTRACT per config key of a topic or broker; v1 is
// flexible. The response has AlterConfigs' shape (alter_configs_response).
#pragma once
#include "engine/protocol/messages/alter_configs.h"

namespace sluice::protocol {

// Kafka's AlterConfigOp.OpType ids.
enum class alter_config_op : int8_t { set = 0, remove = 1, append = 2, subtract = 3 };

struct incremental_alter_configs_request {
    struct config {
        std::string name;
        int8_t config_operation = 0;
        std::optional<std::string> value;
        static constexpr auto schema() {
            return std::tuple{field(&config::name, "Name"), field(&config::config_operation, "ConfigOperation"),
                              field(&config::value, "Value")};
        }
    };
    struct resource {
        int8_t resource_type = 0;
        std::string resource_name;
        std::vector<config> configs;
        static constexpr auto schema() {
            using T = resource;
            return std::tuple{field(&T::resource_type, "ResourceType"), field(&T::resource_name, "ResourceName"),
                              field(&T::configs, "Configs")};
        }
    };
    std::vector<resource> resources;
    bool validate_only = false;
    static constexpr auto schema() {
        using T = incremental_alter_configs_request;
        return std::tuple{field(&T::resources, "Resources"), field(&T::validate_only, "ValidateOnly")};
    }
};

struct incremental_alter_configs_api {
    static constexpr api_key key = api_key::incremental_alter_configs;
    using request = incremental_alter_configs_request;
    using response = alter_configs_response;
};

SLUICE_DECLARE_CODEC(incremental_alter_configs_request);

}  // namespace sluice::protocol
