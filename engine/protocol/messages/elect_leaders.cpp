#include "engine/protocol/messages/elect_leaders.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(elect_leaders_request);
SLUICE_DEFINE_CODEC(elect_leaders_response);
}  // namespace sluice::protocol
