// Kafka's four security protocols of a listener: whether it speaks TLS and whether it requires SASL.
#pragma once
#include <optional>
#include <string_view>

namespace sluice::security {

// The values are Kafka's SecurityProtocol ids, as BrokerRegistration and RegisterBrokerRecord carry them.
enum class security_protocol : int16_t { plaintext = 0, ssl = 1, sasl_plaintext = 2, sasl_ssl = 3 };

inline std::optional<security_protocol> parse_security_protocol(std::string_view name) {
    if (name == "PLAINTEXT") return security_protocol::plaintext;
    if (name == "SSL") return security_protocol::ssl;
    if (name == "SASL_PLAINTEXT") return security_protocol::sasl_plaintext;
    if (name == "SASL_SSL") return security_protocol::sasl_ssl;
    return std::nullopt;
}

inline std::string_view security_protocol_name(security_protocol p) {
    switch (p) {
        case security_protocol::plaintext:
            return "PLAINTEXT";
        case security_protocol::ssl:
            return "SSL";
        case security_protocol::sasl_plaintext:
            return "SASL_PLAINTEXT";
        case security_protocol::sasl_ssl:
            return "SASL_SSL";
    }
    return "PLAINTEXT";
}

inline bool uses_tls(security_protocol p) { return p == security_protocol::ssl || p == security_protocol::sasl_ssl; }
inline bool uses_sasl(security_protocol p) {
    return p == security_protocol::sasl_plaintext || p == security_protocol::sasl_ssl;
}

}  // namespace sluice::security
