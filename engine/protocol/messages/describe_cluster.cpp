#include "engine/protocol/messages/describe_cluster.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_cluster_request);
SLUICE_DEFINE_CODEC(describe_cluster_response);
}  // namespace sluice::protocol
