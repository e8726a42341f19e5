#include "engine/protocol/messages/sasl_authenticate.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(sasl_authenticate_request);
SLUICE_DEFINE_CODEC(sasl_authenticate_response);
}  // namespace sluice::protocol
