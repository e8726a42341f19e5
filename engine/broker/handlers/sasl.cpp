// SASL authentication as Kafka's SaslServerAuthenticator does it: ApiVersions, then SaslHandshake naming
// a mechanism, then its tokens (in SaslAuthenticate requests after v1, bare after v0), then every API.
#include <algorithm>

#include "engine/broker/handlers/security_handlers.h"
#include "engine/common/log.h"
#include "engine/metadata/controller.h"
#include "engine/security/scram.h"

namespace sluice::broker {

namespace {
using protocol::error_code;
using security::sasl_stage;

// The mechanism's server for this connection; SCRAM looks credentials up in the metadata image at the
// moment of authentication, so a user added a second ago can log in.
std::unique_ptr<security::sasl_server> make_mechanism(const listener_context& listener, broker_context& broker,
                                                      const std::string& name) {
    if (name == "PLAIN") return std::make_unique<security::plain_server>(listener.sasl.plain_users);
    auto scram = security::scram_mechanism_from_name(name);
    if (!scram) return nullptr;
    auto id = static_cast<int8_t>(*scram);
    const metadata::controller* controller = &broker.controller;
    return std::make_unique<security::scram_server>(
        *scram, [controller, id](const std::string& user) -> std::optional<security::scram_credential> {
            const auto* c = controller->image().find_scram_credential(user, id);
            if (!c) return std::nullopt;
            return security::scram_credential{c->salt, c->stored_key, c->server_key, c->iterations};
        });
}

// One token through the mechanism; on success the connection learns who it is.
result<security::sasl_step> step(net::connection_info& connection, std::span<const uint8_t> token) {
    auto outcome = connection.sasl.mechanism->evaluate(token);
    if (!outcome) {
        log_warning("failed authentication with " + connection.sasl.mechanism_name + " from " + connection.peer +
                    " on listener " + connection.listener + ": " + outcome.err().message);
        return outcome;
    }
    if (outcome->complete) {
        connection.sasl.stage = sasl_stage::complete;
        connection.sasl.mechanism.reset();
        connection.principal = security::user_principal(outcome->authorized_id);
    }
    return outcome;
}
}  // namespace

bool allowed_before_authentication(const net::connection_info& connection, int16_t api_key) {
    if (!connection.sasl.pending()) return true;
    auto key = static_cast<protocol::api_key>(api_key);
    if (connection.sasl.stage == sasl_stage::handshake)
        return key == protocol::api_key::api_versions || key == protocol::api_key::sasl_handshake;
    return connection.sasl.stage == sasl_stage::authenticate && key == protocol::api_key::sasl_authenticate;
}

awaitable<std::optional<protocol::sasl_handshake_response>> handle_sasl_handshake(
    request_context& ctx, protocol::sasl_handshake_request& request) {
    protocol::sasl_handshake_response response;
    auto& sasl = ctx.connection.sasl;
    // A listener without SASL, or a connection already authenticated (no re-authentication here).
    if (sasl.stage != sasl_stage::handshake) {
        response.error_code = static_cast<int16_t>(error_code::illegal_sasl_state);
        co_return response;
    }
    response.mechanisms = ctx.listener.sasl.enabled_mechanisms;
    if (!ctx.listener.sasl.enabled(request.mechanism) ||
        !(sasl.mechanism = make_mechanism(ctx.listener, ctx.broker, request.mechanism))) {
        // Kafka answers with the enabled list and then closes the connection.
        response.error_code = static_cast<int16_t>(error_code::unsupported_sasl_mechanism);
        sasl.stage = sasl_stage::failed;  // the dispatcher closes the connection after this answer
        log_warning("client " + ctx.connection.peer + " asked for SASL mechanism '" + request.mechanism +
                    "', which listener " + ctx.listener.name + " does not enable");
        co_return response;
    }
    sasl.mechanism_name = request.mechanism;
    sasl.stage = ctx.version() == 0 ? sasl_stage::raw_tokens : sasl_stage::authenticate;
    co_return response;
}

awaitable<std::optional<protocol::sasl_authenticate_response>> handle_sasl_authenticate(
    request_context& ctx, protocol::sasl_authenticate_request& request) {
    protocol::sasl_authenticate_response response;
    if (ctx.connection.sasl.stage != sasl_stage::authenticate) {
        response.error_code = static_cast<int16_t>(error_code::illegal_sasl_state);
        response.error_message =
            "SaslAuthenticate is only valid after a SaslHandshake v1 and before authentication completes";
        co_return response;
    }
    auto outcome = step(ctx.connection, request.auth_bytes);
    if (!outcome) {
        response.error_code = static_cast<int16_t>(outcome.err().code);
        response.error_message = outcome.err().message;
        ctx.connection.sasl.stage = sasl_stage::failed;  // the dispatcher closes the connection after this answer
        ctx.connection.sasl.mechanism.reset();
        co_return response;
    }
    response.auth_bytes = std::move(outcome->challenge);
    co_return response;
}

net::handler_outcome handle_raw_sasl_token(const listener_context&, broker_context&, net::connection_info& connection,
                                           std::span<const uint8_t> token) {
    auto outcome = step(connection, token);
    if (!outcome) return {std::nullopt, true};
    return {std::move(outcome->challenge), false};
}

}  // namespace sluice::broker
