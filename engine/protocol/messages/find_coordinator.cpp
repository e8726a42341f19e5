#include "engine/protocol/messages/find_coordinator.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(find_coordinator_request);
SLUICE_DEFINE_CODEC(find_coordinator_response);
}  // namespace sluice::protocol
