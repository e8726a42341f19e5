#include "engine/protocol/messages/offset_for_leader_epoch.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(offset_for_leader_epoch_request);
SLUICE_DEFINE_CODEC(offset_for_leader_epoch_response);
}  // namespace sluice::protocol
