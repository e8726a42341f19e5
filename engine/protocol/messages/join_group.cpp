#include "engine/protocol/messages/join_group.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(join_group_request);
SLUICE_DEFINE_CODEC(join_group_response);
}  // namespace sluice::protocol
