#include "engine/protocol/messages/delete_groups.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(delete_groups_request);
SLUICE_DEFINE_CODEC(delete_groups_response);
}  // namespace sluice::protocol
