#include "engine/broker/listener_config.h"

#include <algorithm>
#include <cctype>

#include "engine/security/jaas_config.h"

namespace sluice::broker {

namespace {
error bad(std::string message) { return make_error(protocol::error_code::invalid_config, std::move(message)); }

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string prefixed(std::string_view listener, std::string_view name) {
    return "listener.name." + lowercase(listener) + "." + std::string(name);
}

constexpr std::string_view plain_login_module = "org.apache.kafka.common.security.plain.PlainLoginModule";
}  // namespace

bool sasl_settings::enabled(std::string_view mechanism) const {
    return std::find(enabled_mechanisms.begin(), enabled_mechanisms.end(), mechanism) != enabled_mechanisms.end();
}

bool supported_sasl_mechanism(std::string_view m) {
    return m == "PLAIN" || m == "SCRAM-SHA-256" || m == "SCRAM-SHA-512";
}

std::string sasl_jaas_config_key(std::string_view listener, std::string_view mechanism) {
    return prefixed(listener, lowercase(mechanism) + ".sasl.jaas.config");
}

bool has_listener_config(const metadata::config_values& values, std::string_view listener, std::string_view name) {
    return values.has(prefixed(listener, name)) || values.has(std::string(name));
}

std::string listener_config(const metadata::config_values& values, std::string_view listener, std::string_view name) {
    if (auto key = prefixed(listener, name); values.has(key)) return values.get_string(key);
    return values.get_string(std::string(name));
}

result<security::tls_settings> tls_settings_for(const metadata::config_values& values, std::string_view listener) {
    auto get = [&](std::string_view name) { return listener_config(values, listener, name); };
    security::tls_settings s;
    if (has_listener_config(values, listener, "ssl.keystore.type"))
        s.keystore_type = get("ssl.keystore.type");
    else
        s.keystore_type = "PEM";  // the only kind served; Kafka's JKS default would be refused below
    s.keystore_location = get("ssl.keystore.location");
    s.keystore_key = get("ssl.keystore.key");
    s.keystore_certificate_chain = get("ssl.keystore.certificate.chain");
    s.key_password = get("ssl.key.password");
    s.truststore_type =
        has_listener_config(values, listener, "ssl.truststore.type") ? get("ssl.truststore.type") : "PEM";
    s.truststore_location = get("ssl.truststore.location");
    s.truststore_certificates = get("ssl.truststore.certificates");
    s.enabled_protocols = split_config_list(get("ssl.enabled.protocols"));
    auto auth = get("ssl.client.auth");
    s.client_authentication = auth == "required"    ? security::client_auth::required
                              : auth == "requested" ? security::client_auth::requested
                                                    : security::client_auth::none;
    if (!s.keystore_key.empty() && s.keystore_certificate_chain.empty())
        return bad("listener " + std::string(listener) + ": ssl.keystore.key needs ssl.keystore.certificate.chain");
    return s;
}

result<sasl_settings> sasl_settings_for(const metadata::config_values& values, std::string_view listener) {
    sasl_settings s;
    s.enabled_mechanisms = split_config_list(listener_config(values, listener, "sasl.enabled.mechanisms"));
    if (s.enabled_mechanisms.empty())
        return bad("listener " + std::string(listener) + ": sasl.enabled.mechanisms is empty");
    for (const auto& m : s.enabled_mechanisms)
        if (!supported_sasl_mechanism(m))
            return bad("listener " + std::string(listener) + ": SASL mechanism " + m +
                       " is not supported (set sasl.enabled.mechanisms to PLAIN, SCRAM-SHA-256 and/or SCRAM-SHA-512)");
    if (s.enabled("PLAIN")) {
        // Kafka's broker reads listener.name.<listener>.<mechanism>.sasl.jaas.config.
        auto key = sasl_jaas_config_key(listener, "PLAIN");
        std::string text = values.has(key) ? values.get_string(key) : values.get_string("sasl.jaas.config");
        if (text.empty())
            return bad("listener " + std::string(listener) + ": PLAIN needs " + key +
                       " with a PlainLoginModule entry listing user_<name>=\"<password>\"");
        auto modules = security::parse_jaas_config(text);
        if (!modules) return make_error(modules.err().code, key + ": " + modules.err().message);
        auto plain = std::find_if(modules->begin(), modules->end(),
                                  [](const security::jaas_module& m) { return m.class_name == plain_login_module; });
        if (plain == modules->end()) return bad(key + ": no " + std::string(plain_login_module) + " entry");
        s.plain_users = std::make_shared<const security::plain_users>(security::plain_users_of(*plain));
    }
    return s;
}

result<net::listener_security> listener_security_for(const metadata::config_values& values, const listener& l) {
    net::listener_security out;
    out.name = l.name;
    auto protocol = security::parse_security_protocol(l.security_protocol);
    if (!protocol)
        return bad("listener " + l.name + ": unknown security protocol " + l.security_protocol +
                   " (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)");
    out.protocol = *protocol;
    if (!security::uses_tls(out.protocol)) return out;
    auto settings = tls_settings_for(values, l.name);
    if (!settings) return settings.err();
    auto context = security::make_server_tls_context(settings.value());
    if (!context) return make_error(context.err().code, "listener " + l.name + ": " + context.err().message);
    out.tls = std::move(context.value());
    auto rules = security::principal_mapper::parse(listener_config(values, l.name, "ssl.principal.mapping.rules"));
    if (!rules) return make_error(rules.err().code, "listener " + l.name + ": " + rules.err().message);
    out.principal_mapping = std::make_shared<const security::principal_mapper>(std::move(rules.value()));
    return out;
}

}  // namespace sluice::broker
