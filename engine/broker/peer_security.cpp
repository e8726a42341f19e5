#include "engine/broker/peer_security.h"

#include <algorithm>

#include "engine/security/jaas_config.h"
#include "engine/security/tls_context.h"

namespace sluice::broker {

namespace {
error bad(std::string message) { return make_error(protocol::error_code::invalid_config, std::move(message)); }
}  // namespace

result<client::client_security> peer_security_for(const metadata::config_values& values,
                                                  const listener_context& listener, std::string_view mechanism_config) {
    client::client_security out;
    out.protocol = listener.protocol;
    if (security::uses_tls(listener.protocol)) {
        auto tls = tls_settings_for(values, listener.name);
        if (!tls) return tls.err();
        out.tls = std::move(tls.value());
        out.tls.verify_server_host =
            listener_config(values, listener.name, "ssl.endpoint.identification.algorithm") == "https";
        // The listener's own certificate proves who this node is where the listener requires one.
        if (out.tls.client_authentication == security::client_auth::none) {
            out.tls.keystore_location.clear();
            out.tls.keystore_key.clear();
            out.tls.keystore_certificate_chain.clear();
        }
        auto context = security::make_client_tls_context(out.tls);
        if (!context)
            return make_error(context.err().code,
                              "connections to listener " + listener.name + ": " + context.err().message);
        out.tls_context = std::move(context.value());
    }
    if (!security::uses_sasl(listener.protocol)) return out;
    const std::string mechanism = listener_config(values, listener.name, mechanism_config);
    if (!supported_sasl_mechanism(mechanism))
        return bad("listener " + listener.name + " carries traffic between the nodes and needs SASL: set " +
                   std::string(mechanism_config) + " to PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (it is " + mechanism +
                   ")");
    if (!listener.sasl.enabled(mechanism))
        return bad(std::string(mechanism_config) + " " + mechanism + " is not in listener " + listener.name +
                   "'s sasl.enabled.mechanisms");
    const auto key = sasl_jaas_config_key(listener.name, mechanism);
    const std::string text = values.has(key) ? values.get_string(key) : values.get_string("sasl.jaas.config");
    auto modules = security::parse_jaas_config(text);
    if (!modules) return make_error(modules.err().code, key + ": " + modules.err().message);
    auto login = std::find_if(modules->begin(), modules->end(), [](const security::jaas_module& m) {
        return m.options.contains("username") && m.options.contains("password");
    });
    if (login == modules->end())
        return bad("listener " + listener.name + " carries traffic between the nodes: " + key +
                   " needs a login module with username=\"…\" password=\"…\" for the nodes to log in with " +
                   mechanism);
    out.sasl = {mechanism, login->options.at("username"), login->options.at("password")};
    return out;
}

result<peer_securities> peer_security_of(const node_listeners& listeners, const metadata::config_values& values,
                                         bool has_peers) {
    if (!has_peers) return peer_securities{};
    const auto& primary = listeners.primary();
    if (auto inter_broker = values.get_string("inter.broker.listener.name");
        !inter_broker.empty() && inter_broker != primary.name)
        return bad("inter.broker.listener.name " + inter_broker + " must be the first client listener in listeners (" +
                   primary.name + "): it is the endpoint this node registers for the others");
    peer_securities out;
    auto brokers = peer_security_for(values, primary, "sasl.mechanism.inter.broker.protocol");
    if (!brokers) return brokers.err();
    out.brokers = std::move(brokers.value());
    out.controllers = out.brokers;
    if (const auto* controller = listeners.controller()) {
        auto controllers = peer_security_for(values, *controller, "sasl.mechanism.controller.protocol");
        if (!controllers) return controllers.err();
        out.controllers = std::move(controllers.value());
    }
    return out;
}

}  // namespace sluice::broker
