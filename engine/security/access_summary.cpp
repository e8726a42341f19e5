#include "engine/security/access_summary.h"

#include <algorithm>

namespace sluice::security {

std::vector<acl_operation> valid_operations(resource_type type) {
    using op = acl_operation;
    switch (type) {
        case resource_type::topic:
            return {op::all,          op::read,  op::write,    op::create,
                    op::del,          op::alter, op::describe, op::describe_configs,
                    op::alter_configs};
        case resource_type::group:
            return {op::all, op::read, op::describe, op::del};
        case resource_type::cluster:
            return {op::all,           op::create,           op::cluster_action, op::describe_configs,
                    op::alter_configs, op::idempotent_write, op::alter,          op::describe};
        case resource_type::transactional_id:
            return {op::all, op::describe, op::write};
        case resource_type::delegation_token:
            return {op::all, op::describe};
        default:
            return {};
    }
}

namespace {

// A resource name no ACL names literally or as a prefix, to judge the `*` wildcard on "every other resource".
std::string unnamed_resource(const acl_source& acls, resource_type type) {
    std::string name = "\x01unnamed";
    bool clash = true;
    while (clash) {
        clash = false;
        acls([&](const acl_binding& b) {
            if (b.pattern.type == type && b.pattern.name != wildcard_resource &&
                std::string_view(name).starts_with(b.pattern.name)) {
                clash = true;
                return false;
            }
            return true;
        });
        if (clash) name.push_back('\x01');
    }
    return name;
}

}  // namespace

std::vector<access_row> summarize_access(const acl_source& acls, const kafka_principal& principal,
                                         std::string_view host) {
    std::vector<access_row> rows;
    acls([&](const acl_binding& b) {
        if (!entry_applies(b.entry, principal, host)) return true;
        if (std::none_of(rows.begin(), rows.end(), [&](const access_row& r) { return r.pattern == b.pattern; }))
            rows.push_back({b.pattern, {}, {}});
        return true;
    });
    const authorizer_settings settings;  // no super users, nothing allowed without an ACL
    for (auto& row : rows) {
        const bool wildcard = row.pattern.pattern == pattern_type::literal && row.pattern.name == wildcard_resource;
        const resource target{row.pattern.type, wildcard ? unnamed_resource(acls, row.pattern.type) : row.pattern.name};
        for (acl_operation op : valid_operations(row.pattern.type)) {
            if (op == acl_operation::all) continue;
            if (authorize(settings, acls, {principal, host, op, target}) == authorization::allowed) {
                row.allowed.push_back(op);
                continue;
            }
            bool denied = false;
            acls([&](const acl_binding& b) {
                denied = b.entry.permission == acl_permission::deny && pattern_covers(b.pattern, target) &&
                         entry_applies(b.entry, principal, host) && deny_applies(b.entry.operation, op);
                return !denied;
            });
            if (denied) row.denied.push_back(op);
        }
    }
    return rows;
}

}  // namespace sluice::security
