#include "engine/protocol/messages/create_topics.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(create_topics_request);
SLUICE_DEFINE_CODEC(create_topics_response);
}  // namespace sluice::protocol
