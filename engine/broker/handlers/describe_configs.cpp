#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/metadata/controller.h"
#include "engine/metadata/topic_name.h"

namespace sluice::broker {

namespace {
using protocol::config_source;
using protocol::describe_configs_response;

// Kafka's DescribeConfigsResponse.ConfigType ids (v3+).
int8_t config_type_id(metadata::config_type type) {
    switch (type) {
        case metadata::config_type::boolean: return 1;
        case metadata::config_type::string: return 2;
        case metadata::config_type::int32: return 3;
        case metadata::config_type::int16: return 4;
        case metadata::config_type::int64: return 5;
        case metadata::config_type::double_value: return 6;
        case metadata::config_type::list: return 7;
    }
    return 0;
}

describe_configs_response::config to_entry(const metadata::resolved_config& resolved, bool read_only,
                                           const protocol::describe_configs_request& request) {
    describe_configs_response::config entry;
    const auto& def = *resolved.definition;
    entry.name = std::string(def.name);
    entry.value = def.sensitive ? std::nullopt : resolved.value;
    entry.read_only = read_only;
    entry.is_default = resolved.source == config_source::default_config;
    entry.config_source = static_cast<int8_t>(resolved.source);
    entry.is_sensitive = def.sensitive;
    if (request.include_synonyms)
        for (const auto& s : resolved.synonyms)
            entry.synonyms.push_back({s.name, def.sensitive ? std::nullopt : s.value, static_cast<int8_t>(s.source)});
    entry.config_type = config_type_id(def.type);
    if (request.include_documentation) entry.documentation = metadata::config_documentation(def);
    return entry;
}

bool wanted(const protocol::describe_configs_request::resource& r, std::string_view name) {
    if (!r.configuration_keys) return true;
    for (const auto& key : *r.configuration_keys)
        if (key == name) return true;
    return false;
}
}  // namespace

awaitable<std::optional<protocol::describe_configs_response>> handle_describe_configs(
    request_context& ctx, protocol::describe_configs_request& request) {
    protocol::describe_configs_response response;
    auto sources = ctx.broker.controller.sources();
    for (const auto& r : request.resources) {
        auto& out = response.results.emplace_back();
        out.resource_type = r.resource_type;
        out.resource_name = r.resource_name;
        auto fail = [&](protocol::error_code code, std::string message) {
            out.error_code = static_cast<int16_t>(code);
            out.error_message = std::move(message);
        };
        if (auto refused =
                config_refusal(ctx, r.resource_type, r.resource_name, security::acl_operation::describe_configs)) {
            fail(*refused, "Authorization failed.");
            continue;
        }
        if (r.resource_type == protocol::resource_type_topic) {
            if (auto valid = metadata::validate_topic_name(r.resource_name); !valid) {
                fail(valid.err().code, valid.err().message);
                continue;
            }
            if (!ctx.broker.controller.image().find_topic(r.resource_name)) {
                fail(protocol::error_code::unknown_topic_or_partition, "Topic " + r.resource_name + " does not exist");
                continue;
            }
            for (const auto& def : metadata::config_definitions())
                if (def.scope == metadata::config_scope::topic && wanted(r, def.name))
                    out.configs.push_back(to_entry(metadata::resolve_topic_config(sources, def, r.resource_name), false, request));
        } else if (r.resource_type == protocol::resource_type_broker) {
            if (r.resource_name.empty()) {
                // The cluster-wide dynamic defaults only, as Kafka answers for the default broker resource.
                auto& dynamic = ctx.broker.controller.image().broker_configs();
                if (auto it = dynamic.find(""); it != dynamic.end())
                    for (const auto& [name, value] : it->second) {
                        const auto* def = metadata::find_config(name, metadata::config_scope::broker);
                        if (!def || !wanted(r, name)) continue;
                        metadata::resolved_config resolved{def, value, config_source::dynamic_default_broker_config,
                                                           {{name, value, config_source::dynamic_default_broker_config}}};
                        out.configs.push_back(to_entry(resolved, def->read_only, request));
                    }
                continue;
            }
            if (r.resource_name != std::to_string(ctx.broker.node_id)) {
                fail(protocol::error_code::invalid_request, "Unexpected broker id, expected " +
                                                                std::to_string(ctx.broker.node_id) +
                                                                " or empty string, but received " + r.resource_name);
                continue;
            }
            for (const auto& def : metadata::config_definitions())
                if (def.scope == metadata::config_scope::broker && wanted(r, def.name))
                    out.configs.push_back(to_entry(metadata::resolve_broker_config(sources, def), def.read_only, request));
        } else {
            fail(protocol::error_code::invalid_request,
                 "Unsupported resource type " + std::to_string(r.resource_type) + " for DescribeConfigs");
        }
    }
    co_return response;
}

}  // namespace sluice::broker
