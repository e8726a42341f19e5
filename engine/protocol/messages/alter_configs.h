// AlterConfigs (key 33): replaces a resource's whole set of config overrides (the legacy API; see
// incremental_alter_configs.h for per-key changes). Answers per resource.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct alter_configs_request {
    struct config {
        std::string name;
        std::optional<std::string> value;
        static constexpr auto schema() { return std::tuple{field(&config::name, "Name"), field(&config::value, "Value")}; }
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
        using T = alter_configs_request;
        return std::tuple{field(&T::resources, "Resources"), field(&T::validate_only, "ValidateOnly")};
    }
};

// IncrementalAlterConfigs answers with the same shape.
struct alter_configs_response {
    struct result {
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        int8_t resource_type = 0;
        std::string resource_name;
        static constexpr auto schema() {
            using T = result;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::error_message, "ErrorMessage"),
                              field(&T::resource_type, "ResourceType"), field(&T::resource_name, "ResourceName")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<result> responses;
    static constexpr auto schema() {
        using T = alter_configs_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::responses, "Responses")};
    }
};

struct alter_configs_api {
    static constexpr api_key key = api_key::alter_configs;
    using request = alter_configs_request;
    using response = alter_configs_response;
};


SLUICE_DECLARE_CODEC(alter_configs_request);
SLUICE_DECLARE_CODEC(alter_configs_response);

}  // namespace sluice::protocol
