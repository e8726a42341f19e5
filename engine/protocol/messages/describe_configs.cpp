#include "engine/protocol/messages/describe_configs.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_configs_request);
SLUICE_DEFINE_CODEC(describe_configs_response);
}  // namespace sluice::protocol
