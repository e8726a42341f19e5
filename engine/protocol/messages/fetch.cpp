#include "engine/protocol/messages/fetch.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(fetch_request);
SLUICE_DEFINE_CODEC(fetch_response);
}  // namespace sluice::protocol
