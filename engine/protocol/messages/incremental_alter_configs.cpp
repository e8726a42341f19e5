#include "engine/protocol/messages/incremental_alter_configs.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(incremental_alter_configs_request);
}  // namespace sluice::protocol
