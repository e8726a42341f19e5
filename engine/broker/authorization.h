// The broker's one way to ask the ACL authorizer about a request: the request's principal and client host,
// the node's authorizer settings and its metadata image's ACLs. With no authorizer configured every request
// is allowed, as in Kafka.
#pragma once
#include <optional>
#include <string_view>

#include "engine/broker/broker_context.h"
#include "engine/security/authorizer.h"

namespace sluice::broker {

bool authorized(const request_context& ctx, security::acl_operation op, security::resource_type type,
                std::string_view name);
inline bool authorized_on_topic(const request_context& ctx, security::acl_operation op, std::string_view topic) {
    return authorized(ctx, op, security::resource_type::topic, topic);
}
inline bool authorized_on_group(const request_context& ctx, security::acl_operation op, std::string_view group) {
    return authorized(ctx, op, security::resource_type::group, group);
}
inline bool authorized_on_cluster(const request_context& ctx, security::acl_operation op) {
    return authorized(ctx, op, security::resource_type::cluster, security::cluster_resource_name);
}
// Whether the principal may `op` some resource of `type` (KIP-679's WRITE on any topic).
bool authorized_on_any(const request_context& ctx, security::acl_operation op, security::resource_type type);

// Whether a controller-served request may be forwarded unchecked: the controller sees it as this node's
// principal (a super user), so only a request nobody could be refused is. Without an authorizer, or from a
// super user, yes; otherwise the receiving node answers itself: the resources it refuses get their
// authorization error, the others NOT_CONTROLLER, and the client retries those with the controller that
// Metadata names (which then checks the client's own principal).
bool forwardable_unchecked(const request_context& ctx);

// The refusal of `op` on a config resource (Kafka's 2 topic, 4 broker): TOPIC_AUTHORIZATION_FAILED, or
// CLUSTER_AUTHORIZATION_FAILED for a broker (configs of brokers are the cluster's); none when allowed.
std::optional<protocol::error_code> config_refusal(const request_context& ctx, int8_t resource_type,
                                                   std::string_view name, security::acl_operation op);

// The gates of the handler table (handler_registry.cpp) for requests allowed or refused as a whole.
inline bool may_cluster_action(const request_context& ctx) {
    return authorized_on_cluster(ctx, security::acl_operation::cluster_action);  // node-to-node APIs
}
inline bool may_describe_cluster(const request_context& ctx) {
    return authorized_on_cluster(ctx, security::acl_operation::describe);
}
inline bool may_alter_cluster(const request_context& ctx) {
    return authorized_on_cluster(ctx, security::acl_operation::alter);
}
// Client quotas are the cluster's configs to Kafka (KIP-546).
inline bool may_describe_cluster_configs(const request_context& ctx) {
    return authorized_on_cluster(ctx, security::acl_operation::describe_configs);
}
inline bool may_alter_cluster_configs(const request_context& ctx) {
    return authorized_on_cluster(ctx, security::acl_operation::alter_configs);
}

}  // namespace sluice::broker
