#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

awaitable<std::optional<protocol::alter_configs_response>> handle_incremental_alter_configs(
    request_context& ctx, protocol::incremental_alter_configs_request& request) {
    protocol::alter_configs_response response;
    for (const auto& r : request.resources) {
        auto& out = response.responses.emplace_back();
        out.resource_type = r.resource_type;
        out.resource_name = r.resource_name;
        auto fail = [&](const sluice::error& e) {
            out.error_code = static_cast<int16_t>(e.code);
            out.error_message = e.message;
        };
        if (auto refused =
                config_refusal(ctx, r.resource_type, r.resource_name, security::acl_operation::alter_configs)) {
            fail({*refused, "Authorization failed."});
            continue;
        }
        std::vector<metadata::config_change> changes;
        bool bad_op = false;
        for (const auto& c : r.configs) {
            if (c.config_operation < 0 || c.config_operation > 3) {
                fail({protocol::error_code::invalid_request,
                      "Unknown config operation " + std::to_string(c.config_operation) + " for " + c.name});
                bad_op = true;
                break;
            }
            changes.push_back({c.name, static_cast<protocol::alter_config_op>(c.config_operation), c.value});
        }
        if (bad_op) continue;
        bool validate_only = request.validate_only;
        metadata_writer::plan plan = [&](const metadata::controller& c) {
            return c.alter_configs(r.resource_type, r.resource_name, changes, true, validate_only);
        };
        if (auto ok = co_await ctx.broker.writer.submit(std::move(plan)); !ok) fail(ok.err());
    }
    co_return response;
}

}  // namespace sluice::broker
