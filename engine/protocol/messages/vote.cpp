#include "engine/protocol/messages/vote.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(vote_request);
SLUICE_DEFINE_CODEC(vote_response);
}  // namespace sluice::protocol
