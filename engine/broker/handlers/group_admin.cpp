// ListGroups, DescribeGroups, DeleteGroups: forwarded to the group coordinator, with Kafka's ACL checks:
// ListGroups lists every group with DESCRIBE on the cluster, else only the groups the principal may
// DESCRIBE; DescribeGroups needs DESCRIBE and DeleteGroups DELETE on each group (GROUP_AUTHORIZATION_FAILED
// for the others, which the coordinator never sees).
#include <algorithm>

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

namespace {
using security::acl_operation;
constexpr auto group_refused = static_cast<int16_t>(protocol::error_code::group_authorization_failed);
}  // namespace

awaitable<std::optional<protocol::list_groups_response>> handle_list_groups(request_context& ctx,
                                                                            protocol::list_groups_request& request) {
    auto response = ctx.broker.groups.list_groups(request);
    if (!authorized_on_cluster(ctx, acl_operation::describe))
        std::erase_if(response.groups,
                      [&](const auto& g) { return !authorized_on_group(ctx, acl_operation::describe, g.group_id); });
    co_return response;
}

awaitable<std::optional<protocol::describe_groups_response>> handle_describe_groups(
    request_context& ctx, protocol::describe_groups_request& request) {
    auto response = ctx.broker.groups.describe_groups(request);
    for (auto& g : response.groups)
        if (!authorized_on_group(ctx, acl_operation::describe, g.group_id)) {
            protocol::describe_groups_response::group refused;
            refused.error_code = group_refused;
            refused.group_id = g.group_id;
            g = std::move(refused);  // nothing about a refused group leaves the broker
        }
    co_return response;
}

awaitable<std::optional<protocol::delete_groups_response>> handle_delete_groups(
    request_context& ctx, protocol::delete_groups_request& request) {
    auto refused = std::ranges::stable_partition(
        request.groups_names, [&](const std::string& g) { return authorized_on_group(ctx, acl_operation::del, g); });
    std::vector<std::string> refused_names(refused.begin(), refused.end());
    request.groups_names.erase(refused.begin(), refused.end());
    auto response = ctx.broker.groups.delete_groups(request);
    for (auto& name : refused_names) response.results.push_back({std::move(name), group_refused});
    co_return response;
}

}  // namespace sluice::broker
