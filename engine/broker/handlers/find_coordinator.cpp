#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

// One node coordinates every group, so the answer is this node; __consumer_offsets is created on the first
// ask, as Kafka does. Transaction coordinators do not exist here yet.
awaitable<std::optional<protocol::find_coordinator_response>> handle_find_coordinator(
    request_context& ctx, protocol::find_coordinator_request& request) {
    using protocol::error_code;
    protocol::find_coordinator_response response;
    std::vector<std::string> keys = ctx.version() >= 4 ? request.coordinator_keys : std::vector<std::string>{request.key};
    for (const auto& key : keys) {
        protocol::find_coordinator_response::coordinator c;
        c.key = key;
        if (request.key_type != protocol::coordinator_key_group) {
            c.error_code = static_cast<int16_t>(error_code::coordinator_not_available);
            c.error_message = "transactions are not supported by this broker";
        } else if (auto ready = ctx.broker.groups.ensure_offsets_topic(); !ready) {
            c.error_code = static_cast<int16_t>(error_code::coordinator_not_available);
            c.error_message = ready.err().message;
        } else {
            c.node_id = ctx.broker.node_id;
            c.host = ctx.broker.advertised_host;
            c.port = ctx.broker.advertised_port;
        }
        response.coordinators.push_back(std::move(c));
    }
    if (ctx.version() < 4 && !response.coordinators.empty()) {
        const auto& c = response.coordinators.front();
        response.error_code = c.error_code;
        response.error_message = c.error_message;
        response.node_id = c.node_id;
        response.host = c.host;
        response.port = c.port;
        response.coordinators.clear();
    }
    co_return response;
}

}  // namespace sluice::broker
