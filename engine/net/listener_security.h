// How one listener secures its connections: its name and security protocol, the TLS context for SSL and
// SASL_SSL, and how an mTLS client's certificate subject becomes its principal.
#pragma once
#include <memory>
#include <string>

#include "engine/security/principal_mapping.h"
#include "engine/security/security_protocol.h"
#include "engine/security/tls_context.h"

namespace sluice::net {

struct listener_security {
    std::string name = "PLAINTEXT";
    security::security_protocol protocol = security::security_protocol::plaintext;
    std::shared_ptr<security::tls_context> tls;                           // required when the protocol uses TLS
    std::shared_ptr<const security::principal_mapper> principal_mapping;  // null: DEFAULT (the subject itself)
};

}  // namespace sluice::net
