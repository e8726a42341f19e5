// Handlers of the idempotent producer's APIs: InitProducerId (on the active controller, which owns the
// producer id blocks; other nodes forward it there).
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/init_producer_id.h"

namespace sluice::broker {

awaitable<std::optional<protocol::init_producer_id_response>> handle_init_producer_id(
    request_context&, protocol::init_producer_id_request&);

}  // namespace sluice::broker
