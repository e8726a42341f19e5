#include "engine/protocol/messages/user_scram_credentials.h"

#include "engine/protocol/codec.h"

namespace sluice::protocol {
SLUICE_DEFINE_CODEC(describe_user_scram_credentials_request);
SLUICE_DEFINE_CODEC(describe_user_scram_credentials_response);
SLUICE_DEFINE_CODEC(alter_user_scram_credentials_request);
SLUICE_DEFINE_CODEC(alter_user_scram_credentials_response);
}  // namespace sluice::protocol
