#include "engine/protocol/messages/broker_registration.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(broker_registration_request);
SLUICE_DEFINE_CODEC(broker_registration_response);
}  // namespace sluice::protocol
