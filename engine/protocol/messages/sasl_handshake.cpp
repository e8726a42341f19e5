#include "engine/protocol/messages/sasl_handshake.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(sasl_handshake_request);
SLUICE_DEFINE_CODEC(sasl_handshake_response);
}  // namespace sluice::protocol
