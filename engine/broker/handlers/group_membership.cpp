// JoinGroup, SyncGroup, Heartbeat, LeaveGroup: forwarded to the group coordinator once the authorizer allows
// the member READ on the group (else GROUP_AUTHORIZATION_FAILED, and the coordinator never hears of it).
#include "engine/broker/authorization.h"
#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

// Kafka reports a member's host as "/<address>".
std::string client_host(const net::connection_info& connection) {
    auto colon = connection.peer.rfind(':');
    return "/" + (colon == std::string::npos ? connection.peer : connection.peer.substr(0, colon));
}

bool may_read_group(const request_context& ctx, const std::string& group) {
    return authorized_on_group(ctx, security::acl_operation::read, group);
}

template <class Response>
Response group_refused() {
    Response response;
    response.error_code = static_cast<int16_t>(error_code::group_authorization_failed);
    return response;
}
}  // namespace

awaitable<std::optional<protocol::join_group_response>> handle_join_group(request_context& ctx,
                                                                          protocol::join_group_request& request) {
    if (!may_read_group(ctx, request.group_id)) co_return group_refused<protocol::join_group_response>();
    group::client_identity client{ctx.header.client_id.value_or(""), client_host(ctx.connection)};
    co_return co_await ctx.broker.groups.join(request, ctx.version(), client);
}

awaitable<std::optional<protocol::sync_group_response>> handle_sync_group(request_context& ctx,
                                                                          protocol::sync_group_request& request) {
    if (!may_read_group(ctx, request.group_id)) co_return group_refused<protocol::sync_group_response>();
    co_return co_await ctx.broker.groups.sync(request, ctx.version());
}

awaitable<std::optional<protocol::heartbeat_response>> handle_heartbeat(request_context& ctx,
                                                                        protocol::heartbeat_request& request) {
    if (!may_read_group(ctx, request.group_id)) co_return group_refused<protocol::heartbeat_response>();
    co_return ctx.broker.groups.heartbeat(request);
}

awaitable<std::optional<protocol::leave_group_response>> handle_leave_group(request_context& ctx,
                                                                            protocol::leave_group_request& request) {
    if (!may_read_group(ctx, request.group_id)) co_return group_refused<protocol::leave_group_response>();
    co_return ctx.broker.groups.leave(request, ctx.version());
}

}  // namespace sluice::broker
