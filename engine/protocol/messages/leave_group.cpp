#include "engine/protocol/messages/leave_group.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(leave_group_request);
SLUICE_DEFINE_CODEC(leave_group_response);
}  // namespace sluice::protocol
