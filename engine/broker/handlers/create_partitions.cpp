#include "engine/broker/handlers/admin_handlers.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

awaitable<std::optional<protocol::create_partitions_response>> handle_create_partitions(
    request_context& ctx, protocol::create_partitions_request& request) {
    protocol::create_partitions_response response;
    for (const auto& t : request.topics) {
        auto& out = response.results.emplace_back();
        out.name = t.name;
        std::optional<std::vector<std::vector<int32_t>>> assignments;
        if (t.assignments) {
            assignments.emplace();
            for (const auto& a : *t.assignments) assignments->push_back(a.broker_ids);
        }
        if (auto ok = ctx.broker.controller.create_partitions(t.name, t.count, assignments, request.validate_only); !ok) {
            out.error_code = static_cast<int16_t>(ok.err().code);
            out.error_message = ok.err().message;
        }
    }
    co_return response;
}

}  // namespace sluice::broker
