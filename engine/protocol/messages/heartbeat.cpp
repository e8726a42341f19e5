#include "engine/protocol/messages/heartbeat.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(heartbeat_request);
SLUICE_DEFINE_CODEC(heartbeat_response);
}  // namespace sluice::protocol
