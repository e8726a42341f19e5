// How a client secures one connection, by Kafka's client settings: security.protocol, the ssl.* trust store
// (and key store for mTLS), ssl.endpoint.identification.algorithm, sasl.mechanism with a user and password.
// The nodes' own connections to each other use it on the inter-broker listener, the app for every cluster.
#pragma once
#include <memory>
#include <string>

#include "engine/common/asio_ssl.h"
#include "engine/security/security_protocol.h"
#include "engine/security/tls_settings.h"

namespace sluice::client {

struct sasl_credentials {
    std::string mechanism = "PLAIN";  // sasl.mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
    std::string username;
    std::string password;
};

struct client_security {
    security::security_protocol protocol = security::security_protocol::plaintext;
    // SSL and SASL_SSL. verify_server_host is ssl.endpoint.identification.algorithm=https (Kafka's default):
    // the server's certificate must name the host (or IP address) connected to.
    security::tls_settings tls;
    // Built from `tls` by the first connection that needs it when empty; share one between connections to
    // parse the PEM files once.
    std::shared_ptr<boost::asio::ssl::context> tls_context;
    sasl_credentials sasl;  // SASL_PLAINTEXT and SASL_SSL
};

}  // namespace sluice::client
