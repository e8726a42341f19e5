// DescribeClientQuotas and AlterClientQuotas (KIP-546). Kafka authorizes both on the cluster's configs:
// DESCRIBE_CONFIGS to read, ALTER_CONFIGS to change (the handler table gates Describe as a whole; Alter's
// refusal is per entry, as its response has no top-level error). Alter runs on the active controller
// (forwarded there by the handler table); validate_only checks without writing.
#include "engine/metadata/client_quotas.h"

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/client_quota_handlers.h"
#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

std::vector<protocol::client_quota_entity_data> wire_entity(const metadata::client_quota_entity& entity) {
    std::vector<protocol::client_quota_entity_data> out;
    for (const auto& [type, name] : entity) out.push_back({type, name});
    return out;
}
}  // namespace

awaitable<std::optional<protocol::describe_client_quotas_response>> handle_describe_client_quotas(
    request_context& ctx, protocol::describe_client_quotas_request& request) {
    std::vector<metadata::client_quota_filter_component> components;
    for (const auto& c : request.components) components.push_back({c.entity_type, c.match_type, c.match});
    protocol::describe_client_quotas_response response;
    auto found = metadata::describe_client_quotas(ctx.broker.controller.image(), components, request.strict);
    if (!found) {
        response.error_code = static_cast<int16_t>(found.err().code);
        response.error_message = found.err().message;
        co_return response;
    }
    auto& entries = response.entries.emplace();
    for (const auto& [entity, quotas] : found.value()) {
        auto& out = entries.emplace_back();
        out.entity = wire_entity(entity);
        for (const auto& [key, value] : quotas) out.values.push_back({key, value});
    }
    co_return response;
}

awaitable<std::optional<protocol::alter_client_quotas_response>> handle_alter_client_quotas(
    request_context& ctx, protocol::alter_client_quotas_request& request) {
    protocol::alter_client_quotas_response response;
    for (const auto& e : request.entries) response.entries.push_back({0, std::nullopt, e.entity});
    auto answer_all = [&](error_code code, const std::optional<std::string>& message) {
        for (auto& e : response.entries) {
            e.error_code = static_cast<int16_t>(code);
            e.error_message = message;
        }
    };
    if (!may_alter_cluster_configs(ctx)) {
        answer_all(error_code::cluster_authorization_failed, std::nullopt);
        co_return response;
    }
    std::vector<metadata::client_quota_alteration> alterations;
    for (const auto& e : request.entries) {
        auto& a = alterations.emplace_back();
        for (const auto& part : e.entity) a.entity.push_back({part.entity_type, part.entity_name});
        for (const auto& op : e.ops) a.ops.push_back({op.key, op.value, op.remove});
    }
    std::vector<metadata::client_quota_outcome> outcomes;
    result<void> committed;
    if (request.validate_only) {
        (void)metadata::plan_client_quota_changes(ctx.broker.controller.image(), alterations, outcomes);
    } else {
        metadata_writer::plan plan = [&](const metadata::controller& c) -> result<metadata::controller::records> {
            outcomes.clear();
            return metadata::plan_client_quota_changes(c.image(), alterations, outcomes);
        };
        committed = co_await ctx.broker.writer.submit(std::move(plan));
    }
    if (outcomes.size() != response.entries.size()) {  // the plan never ran (not the controller)
        answer_all(committed.err().code, committed.err().message);
        co_return response;
    }
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        auto& out = response.entries[i];
        const auto& o = outcomes[i];
        if (o.code != error_code::none) {
            out.error_code = static_cast<int16_t>(o.code);
            out.error_message = o.message;
        } else if (!committed) {
            out.error_code = static_cast<int16_t>(committed.err().code);
            out.error_message = committed.err().message;
        }
    }
    co_return response;
}

}  // namespace sluice::broker
