#include "engine/protocol/messages/metadata.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(metadata_request);
SLUICE_DEFINE_CODEC(metadata_response);
}  // namespace sluice::protocol
