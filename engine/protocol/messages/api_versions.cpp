#include "engine/protocol/messages/api_versions.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(api_versions_request);
SLUICE_DEFINE_CODEC(api_versions_response);
}  // namespace sluice::protocol
