#include "engine/protocol/messages/list_groups.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(list_groups_request);
SLUICE_DEFINE_CODEC(list_groups_response);
}  // namespace sluice::protocol
