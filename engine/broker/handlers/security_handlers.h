// Declarations of the security API handlers: SASL authentication (SaslHandshake, SaslAuthenticate and the
// bare tokens of handshake v0), the SCRAM credential admin APIs (KIP-554) and the ACL admin APIs.
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/acls.h"
#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"
#include "engine/protocol/messages/user_scram_credentials.h"

namespace sluice::broker {

awaitable<std::optional<protocol::sasl_handshake_response>> handle_sasl_handshake(request_context&,
                                                                                  protocol::sasl_handshake_request&);
awaitable<std::optional<protocol::sasl_authenticate_response>> handle_sasl_authenticate(
    request_context&, protocol::sasl_authenticate_request&);
awaitable<std::optional<protocol::describe_user_scram_credentials_response>> handle_describe_user_scram_credentials(
    request_context&, protocol::describe_user_scram_credentials_request&);
awaitable<std::optional<protocol::alter_user_scram_credentials_response>> handle_alter_user_scram_credentials(
    request_context&, protocol::alter_user_scram_credentials_request&);

// ACL admin (acls.cpp). acl_admin_gate: whether the client may use the request's ACL API (ALTER on the cluster,
// DESCRIBE for DescribeAcls); the handler table asks it before forwarding to the controller.
bool acl_admin_gate(const request_context& ctx);
awaitable<std::optional<protocol::describe_acls_response>> handle_describe_acls(request_context&,
                                                                                protocol::describe_acls_request&);
awaitable<std::optional<protocol::create_acls_response>> handle_create_acls(request_context&,
                                                                            protocol::create_acls_request&);
awaitable<std::optional<protocol::delete_acls_response>> handle_delete_acls(request_context&,
                                                                            protocol::delete_acls_request&);

// A frame that arrives while the connection expects a bare SASL token (after SaslHandshake v0): the next
// challenge as a bare frame, or a closed connection when authentication fails (v0 cannot carry an error).
net::handler_outcome handle_raw_sasl_token(const listener_context& listener, broker_context& broker,
                                           net::connection_info& connection, std::span<const uint8_t> token);

// Whether a request may be served on a connection that has not authenticated yet (Kafka serves only
// ApiVersions, SaslHandshake and, after a v1 handshake, SaslAuthenticate; anything else closes it).
bool allowed_before_authentication(const net::connection_info& connection, int16_t api_key);

}  // namespace sluice::broker
