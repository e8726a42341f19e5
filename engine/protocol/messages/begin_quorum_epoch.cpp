#include "engine/protocol/messages/begin_quorum_epoch.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(begin_quorum_epoch_request);
SLUICE_DEFINE_CODEC(begin_quorum_epoch_response);
}  // namespace sluice::protocol
