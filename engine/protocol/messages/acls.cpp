#include "engine/protocol/messages/acls.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_acls_request);
SLUICE_DEFINE_CODEC(describe_acls_response);
SLUICE_DEFINE_CODEC(create_acls_request);
SLUICE_DEFINE_CODEC(create_acls_response);
SLUICE_DEFINE_CODEC(delete_acls_request);
SLUICE_DEFINE_CODEC(delete_acls_response);
}  // namespace sluice::protocol
