// ListGroups, DescribeGroups, DeleteGroups: forwarded to the group coordinator.
#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

awaitable<std::optional<protocol::list_groups_response>> handle_list_groups(request_context& ctx,
                                                                            protocol::list_groups_request& request) {
    co_return ctx.broker.groups.list_groups(request);
}

awaitable<std::optional<protocol::describe_groups_response>> handle_describe_groups(
    request_context& ctx, protocol::describe_groups_request& request) {
    co_return ctx.broker.groups.describe_groups(request);
}

awaitable<std::optional<protocol::delete_groups_response>> handle_delete_groups(request_context& ctx,
                                                                                protocol::delete_groups_request& request) {
    co_return ctx.broker.groups.delete_groups(request);
}

}  // namespace sluice::broker
