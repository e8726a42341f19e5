#include "engine/protocol/messages/unregister_broker.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(unregister_broker_request);
SLUICE_DEFINE_CODEC(unregister_broker_response);
}  // namespace sluice::protocol
