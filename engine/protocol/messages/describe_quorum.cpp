#include "engine/protocol/messages/describe_quorum.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_quorum_request);
SLUICE_DEFINE_CODEC(describe_quorum_response);
}  // namespace sluice::protocol
