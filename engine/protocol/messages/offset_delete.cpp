#include "engine/protocol/messages/offset_delete.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(offset_delete_request);
SLUICE_DEFINE_CODEC(offset_delete_response);
}  // namespace sluice::protocol
