#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

awaitable<std::optional<protocol::create_partitions_response>> handle_create_partitions(
    request_context& ctx, protocol::create_partitions_request& request) {
    protocol::create_partitions_response response;
    for (const auto& t : request.topics) {
        auto& out = response.results.emplace_back();
        out.name = t.name;
        if (!authorized_on_topic(ctx, security::acl_operation::alter, t.name)) {
            out.error_code = static_cast<int16_t>(protocol::error_code::topic_authorization_failed);
            continue;
        }
        std::optional<std::vector<std::vector<int32_t>>> assignments;
        if (t.assignments) {
            assignments.emplace();
            for (const auto& a : *t.assignments) assignments->push_back(a.broker_ids);
        }
        bool validate_only = request.validate_only;
        metadata_writer::plan plan = [&](const metadata::controller& c) {
            return c.create_partitions(t.name, t.count, assignments, validate_only);
        };
        if (auto ok = co_await ctx.broker.writer.submit(std::move(plan)); !ok) {
            out.error_code = static_cast<int16_t>(ok.err().code);
            out.error_message = ok.err().message;
        }
    }
    co_return response;
}

}  // namespace sluice::broker
