#include "engine/protocol/messages/describe_log_dirs.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_log_dirs_request);
SLUICE_DEFINE_CODEC(describe_log_dirs_response);
}  // namespace sluice::protocol
