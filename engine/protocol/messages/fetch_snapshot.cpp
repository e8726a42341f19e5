#include "engine/protocol/messages/fetch_snapshot.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(fetch_snapshot_request);
SLUICE_DEFINE_CODEC(fetch_snapshot_response);
}  // namespace sluice::protocol
