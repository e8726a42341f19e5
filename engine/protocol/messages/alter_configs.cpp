#include "engine/protocol/messages/alter_configs.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(alter_configs_request);
SLUICE_DEFINE_CODEC(alter_configs_response);
}  // namespace sluice::protocol
