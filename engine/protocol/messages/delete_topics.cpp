#include "engine/protocol/messages/delete_topics.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(delete_topics_request);
SLUICE_DEFINE_CODEC(delete_topics_response);
}  // namespace sluice::protocol
