#include "engine/protocol/messages/describe_groups.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_groups_request);
SLUICE_DEFINE_CODEC(describe_groups_response);
}  // namespace sluice::protocol
