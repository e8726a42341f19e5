#include "engine/protocol/messages/list_offsets.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(list_offsets_request);
SLUICE_DEFINE_CODEC(list_offsets_response);
}  // namespace sluice::protocol
