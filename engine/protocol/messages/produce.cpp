#include "engine/protocol/messages/produce.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(produce_request);
SLUICE_DEFINE_CODEC(produce_response);
}  // namespace sluice::protocol
