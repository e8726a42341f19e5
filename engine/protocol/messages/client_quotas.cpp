#include "engine/protocol/messages/client_quotas.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_client_quotas_request);
SLUICE_DEFINE_CODEC(describe_client_quotas_response);
SLUICE_DEFINE_CODEC(alter_client_quotas_request);
SLUICE_DEFINE_CODEC(alter_client_quotas_response);
}  // namespace sluice::protocol
