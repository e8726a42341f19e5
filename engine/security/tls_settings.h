// One listener's (or one client's) TLS settings, by Kafka's ssl.* config names, PEM only.
#pragma once
#include <string>
#include <vector>

namespace sluice::security {

enum class client_auth { none, requested, required };

struct tls_settings {
    std::string keystore_type;               // ssl.keystore.type: must be PEM when a keystore is given
    std::string keystore_location;           // ssl.keystore.location: private key + certificate chain
    std::string keystore_key;                // ssl.keystore.key: inline PEM key (instead of the file)
    std::string keystore_certificate_chain;  // ssl.keystore.certificate.chain: inline PEM chain
    std::string key_password;                // ssl.key.password: decrypts an encrypted key
    std::string truststore_type;             // ssl.truststore.type: must be PEM when a truststore is given
    std::string truststore_location;         // ssl.truststore.location: PEM CA certificates
    std::string truststore_certificates;     // ssl.truststore.certificates: inline PEM CA certificates
    std::vector<std::string> enabled_protocols{"TLSv1.2", "TLSv1.3"};  // ssl.enabled.protocols
    client_auth client_authentication = client_auth::none;             // ssl.client.auth (servers)
    bool verify_server_host = true;  // ssl.endpoint.identification.algorithm=https (clients)
};

}  // namespace sluice::security
