// What each listener of a node is, resolved from Kafka's configs: its security protocol, its TLS and SASL
// settings (listener.name.<lowercased name>.<config> over <config>), the address it advertises. The node
// binds one acceptor per listener from these; handlers see the one their request came in on.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/broker/listeners.h"
#include "engine/metadata/config_values.h"
#include "engine/net/listener_security.h"
#include "engine/security/plain_server.h"
#include "engine/security/tls_settings.h"

namespace sluice::broker {

// The SASL side of one listener: the mechanisms it offers and, for PLAIN, its users.
struct sasl_settings {
    std::vector<std::string> enabled_mechanisms;  // sasl.enabled.mechanisms, as configured (Kafka's order)
    std::shared_ptr<const security::plain_users> plain_users;
    bool enabled(std::string_view mechanism) const;
};

// One listener as request handlers see it.
struct listener_context {
    std::string name;
    security::security_protocol protocol = security::security_protocol::plaintext;
    std::string advertised_host;
    int32_t advertised_port = 0;
    sasl_settings sasl;
};

// `name` of listener `listener`: listener.name.<lowercased listener>.<name> if set, else <name>.
std::string listener_config(const metadata::config_values& values, std::string_view listener, std::string_view name);
bool has_listener_config(const metadata::config_values& values, std::string_view listener, std::string_view name);

result<security::tls_settings> tls_settings_for(const metadata::config_values& values, std::string_view listener);
// INVALID_CONFIG for a mechanism this broker does not implement (GSSAPI, OAUTHBEARER) or PLAIN without a
// PlainLoginModule JAAS entry (listener.name.<l>.plain.sasl.jaas.config, or sasl.jaas.config).
result<sasl_settings> sasl_settings_for(const metadata::config_values& values, std::string_view listener);
// The TLS context and principal mapping of a listener (no context for PLAINTEXT and SASL_PLAINTEXT).
result<net::listener_security> listener_security_for(const metadata::config_values& values, const listener& l);

// The mechanisms this broker implements.
bool supported_sasl_mechanism(std::string_view mechanism);
// Where Kafka reads one listener's JAAS entry for one mechanism: listener.name.<listener>.<mechanism>.sasl.jaas.config,
// both lowercased (listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config).
std::string sasl_jaas_config_key(std::string_view listener, std::string_view mechanism);

}  // namespace sluice::broker
