#include "engine/protocol/messages/broker_heartbeat.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(broker_heartbeat_request);
SLUICE_DEFINE_CODEC(broker_heartbeat_response);
}  // namespace sluice::protocol
