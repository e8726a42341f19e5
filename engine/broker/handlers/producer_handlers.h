// Handlers of the idempotent producer's APIs: InitProducerId (on the active controller, which owns the
// producer id blocks; other nodes forward it there).
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/init_producer_id.h"

namespace sluice::broker {

// Whether the client may get a producer id (the handler table's gate before forwarding, and the handler's).
bool may_write_idempotently(const request_context& ctx);
awaitable<std::optional<protocol::init_producer_id_response>> handle_init_producer_id(
    request_context&, protocol::init_producer_id_request&);

}  // namespace sluice::broker
