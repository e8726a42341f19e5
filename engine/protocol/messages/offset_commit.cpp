#include "engine/protocol/messages/offset_commit.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(offset_commit_request);
SLUICE_DEFINE_CODEC(offset_commit_response);
}  // namespace sluice::protocol
