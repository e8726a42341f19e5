#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

// AlterConfigs replaces every override of each resource with the given set.
awaitable<std::optional<protocol::alter_configs_response>> handle_alter_configs(request_context& ctx,
                                                                                protocol::alter_configs_request& request) {
    protocol::alter_configs_response response;
    for (const auto& r : request.resources) {
        auto& out = response.responses.emplace_back();
        out.resource_type = r.resource_type;
        out.resource_name = r.resource_name;
        if (auto refused =
                config_refusal(ctx, r.resource_type, r.resource_name, security::acl_operation::alter_configs)) {
            out.error_code = static_cast<int16_t>(*refused);
            continue;
        }
        std::vector<metadata::config_change> changes;
        for (const auto& c : r.configs) changes.push_back({c.name, protocol::alter_config_op::set, c.value});
        bool validate_only = request.validate_only;
        metadata_writer::plan plan = [&](const metadata::controller& c) {
            return c.alter_configs(r.resource_type, r.resource_name, changes, false, validate_only);
        };
        auto ok = co_await ctx.broker.writer.submit(std::move(plan));
        if (!ok) {
            out.error_code = static_cast<int16_t>(ok.err().code);
            out.error_message = ok.err().message;
        }
    }
    co_return response;
}

}  // namespace sluice::broker
