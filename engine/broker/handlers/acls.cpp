// DescribeAcls, CreateAcls and DeleteAcls. The ACLs are metadata records, so Create and Delete run on the
// active controller (forwarded there by the handler table, once the receiving node has authorized the
// client: acl_admin_gate) and answer once the records are committed. Kafka's errors: SECURITY_DISABLED when
// no authorizer is configured, CLUSTER_AUTHORIZATION_FAILED without ALTER (create, delete) or DESCRIBE
// (describe) on the cluster, INVALID_REQUEST for a bad binding or a filter with an UNKNOWN element.
#include <map>
#include <tuple>

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/security_handlers.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/acl_changes.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

namespace {
using protocol::error_code;
using namespace security;

constexpr std::string_view no_authorizer = "No Authorizer is configured on the broker";

template <class Filter>
acl_filter filter_of(const Filter& f) {
    return {resource_type_from_code(f.resource_type_filter),
            f.resource_name_filter,
            pattern_type_from_code(f.pattern_type_filter),
            f.principal_filter,
            f.host_filter,
            acl_operation_from_code(f.operation),
            acl_permission_from_code(f.permission_type)};
}

acl_operation admin_operation(const request_context& ctx) {
    return ctx.header.api_key == static_cast<int16_t>(protocol::api_key::describe_acls) ? acl_operation::describe
                                                                                        : acl_operation::alter;
}
}  // namespace

bool acl_admin_gate(const request_context& ctx) { return authorized_on_cluster(ctx, admin_operation(ctx)); }

awaitable<std::optional<protocol::describe_acls_response>> handle_describe_acls(
    request_context& ctx, protocol::describe_acls_request& request) {
    protocol::describe_acls_response response;
    auto fail = [&](error_code code, std::string_view message) {
        response.error_code = static_cast<int16_t>(code);
        response.error_message = std::string(message);
        return response;
    };
    if (!ctx.broker.authorizer) co_return fail(error_code::security_disabled, no_authorizer);
    if (!acl_admin_gate(ctx))
        co_return fail(error_code::cluster_authorization_failed, "DESCRIBE on the cluster is needed to list ACLs");
    auto filter = filter_of(request);
    if (auto valid = validate_filter(filter); !valid) co_return fail(valid.err().code, valid.err().message);
    // One entry per resource pattern, in a stable order.
    std::map<std::tuple<int8_t, std::string, int8_t>, std::size_t> index;
    for (const auto& b : metadata::matching_acls(ctx.broker.controller.image(), filter)) {
        auto key =
            std::tuple{static_cast<int8_t>(b.pattern.type), b.pattern.name, static_cast<int8_t>(b.pattern.pattern)};
        auto [it, added] = index.try_emplace(key, response.resources.size());
        if (added) response.resources.push_back({std::get<0>(key), b.pattern.name, std::get<2>(key), {}});
        response.resources[it->second].acls.push_back({b.entry.principal, b.entry.host,
                                                       static_cast<int8_t>(b.entry.operation),
                                                       static_cast<int8_t>(b.entry.permission)});
    }
    co_return response;
}

awaitable<std::optional<protocol::create_acls_response>> handle_create_acls(request_context& ctx,
                                                                            protocol::create_acls_request& request) {
    protocol::create_acls_response response;
    auto all_fail = [&](error_code code, std::string_view message) {
        for (std::size_t i = 0; i < request.creations.size(); ++i)
            response.results.push_back({static_cast<int16_t>(code), std::string(message)});
        return response;
    };
    if (!ctx.broker.authorizer) co_return all_fail(error_code::security_disabled, no_authorizer);
    if (!acl_admin_gate(ctx))
        co_return all_fail(error_code::cluster_authorization_failed, "ALTER on the cluster is needed to create ACLs");
    std::vector<acl_binding> creations;
    for (const auto& c : request.creations)
        creations.push_back(
            {{resource_type_from_code(c.resource_type), c.resource_name,
              pattern_type_from_code(c.resource_pattern_type)},
             {c.principal, c.host, acl_operation_from_code(c.operation), acl_permission_from_code(c.permission_type)}});
    std::vector<metadata::acl_creation_outcome> outcomes;
    metadata_writer::plan plan = [&](const metadata::controller& c) -> result<metadata::controller::records> {
        outcomes.clear();
        return metadata::plan_acl_creations(c.image(), creations, outcomes);
    };
    auto committed = co_await ctx.broker.writer.submit(std::move(plan));
    if (!committed && outcomes.empty()) co_return all_fail(committed.err().code, committed.err().message);
    for (const auto& o : outcomes) {
        if (o.code == error_code::none && !committed)
            response.results.push_back({static_cast<int16_t>(committed.err().code), committed.err().message});
        else if (o.code == error_code::none)
            response.results.push_back({});
        else
            response.results.push_back({static_cast<int16_t>(o.code), o.message});
    }
    co_return response;
}

awaitable<std::optional<protocol::delete_acls_response>> handle_delete_acls(request_context& ctx,
                                                                            protocol::delete_acls_request& request) {
    protocol::delete_acls_response response;
    auto all_fail = [&](error_code code, std::string_view message) {
        for (std::size_t i = 0; i < request.filters.size(); ++i)
            response.filter_results.push_back({static_cast<int16_t>(code), std::string(message), {}});
        return response;
    };
    if (!ctx.broker.authorizer) co_return all_fail(error_code::security_disabled, no_authorizer);
    if (!acl_admin_gate(ctx))
        co_return all_fail(error_code::cluster_authorization_failed, "ALTER on the cluster is needed to delete ACLs");
    std::vector<acl_filter> filters;
    for (const auto& f : request.filters) filters.push_back(filter_of(f));
    std::vector<metadata::acl_deletion_outcome> outcomes;
    metadata_writer::plan plan = [&](const metadata::controller& c) -> result<metadata::controller::records> {
        outcomes.clear();
        return metadata::plan_acl_deletions(c.image(), filters, outcomes);
    };
    auto committed = co_await ctx.broker.writer.submit(std::move(plan));
    if (!committed) co_return all_fail(committed.err().code, committed.err().message);
    for (const auto& o : outcomes) {
        auto& out = response.filter_results.emplace_back();
        out.error_code = static_cast<int16_t>(o.code);
        if (!o.message.empty()) out.error_message = o.message;
        for (const auto& b : o.removed)
            out.matching_acls.push_back({0, std::nullopt, static_cast<int8_t>(b.pattern.type), b.pattern.name,
                                         static_cast<int8_t>(b.pattern.pattern), b.entry.principal, b.entry.host,
                                         static_cast<int8_t>(b.entry.operation),
                                         static_cast<int8_t>(b.entry.permission)});
    }
    co_return response;
}

}  // namespace sluice::broker
