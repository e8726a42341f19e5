#include "engine/protocol/messages/offset_fetch.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(offset_fetch_request);
SLUICE_DEFINE_CODEC(offset_fetch_response);
}  // namespace sluice::protocol
