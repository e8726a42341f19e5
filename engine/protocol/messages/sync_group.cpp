#include "engine/protocol/messages/sync_group.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(sync_group_request);
SLUICE_DEFINE_CODEC(sync_group_response);
}  // namespace sluice::protocol
