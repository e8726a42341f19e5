#include "engine/protocol/messages/alter_partition.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(alter_partition_request);
SLUICE_DEFINE_CODEC(alter_partition_response);
}  // namespace sluice::protocol
