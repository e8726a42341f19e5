#include "engine/protocol/messages/init_producer_id.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(init_producer_id_request);
SLUICE_DEFINE_CODEC(init_producer_id_response);
}  // namespace sluice::protocol
