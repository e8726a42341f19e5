#include "engine/protocol/messages/create_partitions.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(create_partitions_request);
SLUICE_DEFINE_CODEC(create_partitions_response);
}  // namespace sluice::protocol
