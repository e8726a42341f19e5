#include "engine/broker/authorization.h"

#include "engine/metadata/controller.h"
#include "engine/protocol/messages/describe_configs.h"

namespace sluice::broker {

namespace {
security::acl_source image_acls(const request_context& ctx) {
    return [&ctx](const std::function<bool(const security::acl_binding&)>& visit) {
        for (const auto& [id, binding] : ctx.broker.controller.image().acls())
            if (!visit(binding)) return;
    };
}
}  // namespace

bool authorized(const request_context& ctx, security::acl_operation op, security::resource_type type,
                std::string_view name) {
    if (!ctx.broker.authorizer) return true;
    const security::resource target{type, std::string(name)};
    return security::authorize(*ctx.broker.authorizer, image_acls(ctx),
                               {ctx.connection.principal, security::host_of_peer(ctx.connection.peer), op, target}) ==
           security::authorization::allowed;
}

bool authorized_on_any(const request_context& ctx, security::acl_operation op, security::resource_type type) {
    if (!ctx.broker.authorizer) return true;
    return security::authorize_any(*ctx.broker.authorizer, image_acls(ctx), ctx.connection.principal,
                                   security::host_of_peer(ctx.connection.peer), op,
                                   type) == security::authorization::allowed;
}

bool forwardable_unchecked(const request_context& ctx) {
    return !ctx.broker.authorizer || ctx.broker.authorizer->super_users.contains(ctx.connection.principal.to_string());
}

std::optional<protocol::error_code> config_refusal(const request_context& ctx, int8_t resource_type,
                                                   std::string_view name, security::acl_operation op) {
    if (resource_type == protocol::resource_type_topic)
        return authorized_on_topic(ctx, op, name) ? std::nullopt
                                                  : std::optional(protocol::error_code::topic_authorization_failed);
    return authorized_on_cluster(ctx, op) ? std::nullopt
                                          : std::optional(protocol::error_code::cluster_authorization_failed);
}

}  // namespace sluice::broker
