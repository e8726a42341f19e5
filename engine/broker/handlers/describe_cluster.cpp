#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/handlers/advertised_endpoint.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

awaitable<std::optional<protocol::describe_cluster_response>> handle_describe_cluster(
    request_context& ctx, protocol::describe_cluster_request&) {
    protocol::describe_cluster_response response;
    response.cluster_id = ctx.broker.cluster_id;
    response.controller_id = ctx.broker.writer.controller_id().value_or(-1);
    for (const auto& [id, b] : ctx.broker.controller.image().brokers()) {
        if (b.fenced) continue;
        if (auto at = endpoint_for(ctx, b)) response.brokers.push_back({b.id, at->host, at->port, b.rack});
    }
    co_return response;
}

}  // namespace sluice::broker
