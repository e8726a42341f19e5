#include "engine/broker/authorization.h"
#include "engine/broker/handlers/producer_handlers.h"
#include "engine/broker/producer_id_manager.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

protocol::init_producer_id_response failed(error_code code) {
    protocol::init_producer_id_response response;
    response.error_code = static_cast<int16_t>(code);
    return response;
}
}  // namespace

// Kafka lets a principal without a transactional id init a producer id when it may IDEMPOTENT_WRITE on the
// cluster, or (KIP-679) WRITE some topic; otherwise CLUSTER_AUTHORIZATION_FAILED.
bool may_write_idempotently(const request_context& ctx) {
    return authorized_on_cluster(ctx, security::acl_operation::idempotent_write) ||
           authorized_on_any(ctx, security::acl_operation::write, security::resource_type::topic);
}

awaitable<std::optional<protocol::init_producer_id_response>> handle_init_producer_id(
    request_context& ctx, protocol::init_producer_id_request& request) {
    // Transactions (a transactional id, its coordinator and epochs) are not served yet.
    if (request.transactional_id) co_return failed(error_code::invalid_request);
    if (!may_write_idempotently(ctx)) co_return failed(error_code::cluster_authorization_failed);
    // KIP-360 (v3+): the producer may name its current id and epoch; both or neither.
    const bool has_id = request.producer_id != -1;
    const bool has_epoch = request.producer_epoch != -1;
    if (has_id != has_epoch) co_return failed(error_code::invalid_request);
    // Without a transactional id Kafka's coordinator always answers with a fresh id at epoch 0, whatever id
    // and epoch the producer names: an idempotent producer that needs a new epoch bumps it itself (the Java
    // client does so locally) or, like librdkafka, asks for a new id; the partitions' producer state accepts
    // either (a new epoch from sequence 0, an unknown id at any sequence).
    auto id = co_await ctx.broker.producer_ids.next_id();
    if (!id) {
        // Not the controller (the forward found none, or leadership moved meanwhile): a retriable answer that
        // every client's InitProducerId path retries, unlike NOT_CONTROLLER.
        const bool controller_moved = id.err().code == error_code::not_controller;
        co_return failed(controller_moved ? error_code::coordinator_not_available : id.err().code);
    }
    protocol::init_producer_id_response response;
    response.producer_id = id.value().value();
    response.producer_epoch = 0;
    co_return response;
}

}  // namespace sluice::broker
