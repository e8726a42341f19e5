#include "engine/protocol/messages/list_partition_reassignments.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(list_partition_reassignments_request);
SLUICE_DEFINE_CODEC(list_partition_reassignments_response);
}  // namespace sluice::protocol
