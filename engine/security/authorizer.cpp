#include "engine/security/authorizer.h"

#include <vector>

namespace sluice::security {

result<bool> authorizer_enabled(std::string_view class_name) {
    if (class_name.empty()) return false;
    if (class_name == "org.apache.kafka.metadata.authorizer.StandardAuthorizer" ||
        class_name == "kafka.security.authorizer.AclAuthorizer")
        return true;
    return make_error(protocol::error_code::invalid_config,
                      "Invalid value " + std::string(class_name) +
                          " for configuration authorizer.class.name: this broker implements "
                          "org.apache.kafka.metadata.authorizer.StandardAuthorizer (or "
                          "kafka.security.authorizer.AclAuthorizer), or none when empty");
}

std::set<std::string> parse_super_users(std::string_view value) {
    std::set<std::string> out;
    while (!value.empty()) {
        auto semi = value.find(';');
        auto item = value.substr(0, semi);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) out.emplace(item);
        if (semi == std::string_view::npos) break;
        value.remove_prefix(semi + 1);
    }
    return out;
}

bool entry_applies(const acl_entry& entry, const kafka_principal& principal, std::string_view host) {
    const auto colon = entry.principal.find(':');
    if (colon == std::string::npos) return false;
    const std::string_view type = std::string_view(entry.principal).substr(0, colon);
    const std::string_view name = std::string_view(entry.principal).substr(colon + 1);
    if (type != principal.type || (name != principal.name && name != "*")) return false;
    return entry.host == wildcard_host || entry.host == host;
}

authorization authorize(const authorizer_settings& settings, const acl_source& acls,
                        const authorization_request& request) {
    const std::string principal = request.principal.to_string();
    if (settings.super_users.contains(principal)) return authorization::allowed;
    bool any_acl_for_resource = false;
    bool denied = false;
    bool allowed = false;
    acls([&](const acl_binding& b) {
        if (!pattern_covers(b.pattern, request.target)) return true;
        any_acl_for_resource = true;
        const auto& e = b.entry;
        if (!entry_applies(e, request.principal, request.host)) return true;
        if (e.permission == acl_permission::deny && deny_applies(e.operation, request.operation)) {
            denied = true;
            return false;  // DENY wins: nothing can change the answer
        }
        if (e.permission == acl_permission::allow && allow_implies(e.operation, request.operation)) allowed = true;
        return true;
    });
    if (denied) return authorization::denied;
    if (allowed) return authorization::allowed;
    if (!any_acl_for_resource && settings.allow_everyone_if_no_acl_found) return authorization::allowed;
    return authorization::denied;
}

authorization authorize_any(const authorizer_settings& settings, const acl_source& acls,
                            const kafka_principal& principal, std::string_view host, acl_operation operation,
                            resource_type type) {
    const std::string name = principal.to_string();
    if (settings.super_users.contains(name)) return authorization::allowed;
    std::vector<resource_pattern> allows;
    std::vector<resource_pattern> denies;
    acls([&](const acl_binding& b) {
        const auto& e = b.entry;
        if (b.pattern.type != type) return true;
        if (!entry_applies(e, principal, host)) return true;
        if (e.permission == acl_permission::deny && deny_applies(e.operation, operation))
            denies.push_back(b.pattern);
        else if (e.permission == acl_permission::allow && allow_implies(e.operation, operation))
            allows.push_back(b.pattern);
        return true;
    });
    auto cancelled = [&](const resource_pattern& allow) {
        for (const auto& d : denies) {
            if (d.pattern == pattern_type::literal && d.name == wildcard_resource) return true;
            if (d.pattern == pattern_type::prefixed && std::string_view(allow.name).starts_with(d.name)) return true;
            if (d.pattern == allow.pattern && d.name == allow.name) return true;
        }
        return false;
    };
    for (const auto& allow : allows)
        if (!cancelled(allow)) return authorization::allowed;
    return authorization::denied;
}

std::string_view host_of_peer(std::string_view peer) {
    if (peer.starts_with('[')) {
        auto close = peer.find(']');
        return close == std::string_view::npos ? peer : peer.substr(1, close - 1);
    }
    auto colon = peer.rfind(':');
    // The server writes address + ":" + port, so the last colon ends the address (also for v6 addresses).
    return colon == std::string_view::npos ? peer : peer.substr(0, colon);
}

}  // namespace sluice::security
