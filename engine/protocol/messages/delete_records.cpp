#include "engine/protocol/messages/delete_records.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(delete_records_request);
SLUICE_DEFINE_CODEC(delete_records_response);
}  // namespace sluice::protocol
