// Where one connection is in Kafka's SASL authentication (KIP-43, KIP-152): waiting for SaslHandshake,
// exchanging tokens in SaslAuthenticate requests (handshake v1) or as raw size-prefixed frames (v0), done.
#pragma once
#include <memory>
#include <string>

#include "engine/security/sasl_server.h"

namespace sluice::security {

enum class sasl_stage {
    not_required,  // a PLAINTEXT or SSL listener
    handshake,     // only ApiVersions and SaslHandshake are served
    authenticate,  // handshake v1 done: SaslAuthenticate requests carry the tokens
    raw_tokens,    // handshake v0 done: the next frames are bare tokens, answered bare
    complete,      // authenticated: every API is served
    failed,        // refused (bad credentials, unsupported mechanism): closed after the answer
};

struct sasl_exchange {
    sasl_stage stage = sasl_stage::not_required;
    std::string mechanism_name;
    std::unique_ptr<sasl_server> mechanism;
    bool pending() const { return stage != sasl_stage::not_required && stage != sasl_stage::complete; }
    bool failed() const { return stage == sasl_stage::failed; }
};

}  // namespace sluice::security
