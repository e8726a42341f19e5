#include "engine/security/acl_binding.h"

namespace sluice::security {

acl_permission acl_permission_from_code(int8_t code) {
    if (code < 0 || code > static_cast<int8_t>(acl_permission::allow)) return acl_permission::unknown;
    return static_cast<acl_permission>(code);
}

std::string_view to_string(acl_permission permission) {
    switch (permission) {
        case acl_permission::any:
            return "ANY";
        case acl_permission::deny:
            return "DENY";
        case acl_permission::allow:
            return "ALLOW";
        case acl_permission::unknown:
            break;
    }
    return "UNKNOWN";
}

result<void> validate_new_binding(const acl_binding& b) {
    auto invalid = [](std::string message) { return make_error(protocol::error_code::invalid_request, message); };
    const auto& p = b.pattern;
    if (p.type == resource_type::unknown || p.type == resource_type::any)
        return invalid("Invalid resourceType " + std::string(to_string(p.type)));
    if (p.pattern != pattern_type::literal && p.pattern != pattern_type::prefixed)
        return invalid("Invalid patternType " + std::string(to_string(p.pattern)));
    if (p.name.empty()) return invalid("Invalid empty resource name specified");
    if (p.type == resource_type::cluster && p.name != cluster_resource_name)
        return invalid("The only valid name for the CLUSTER resource is " + std::string(cluster_resource_name));
    if (b.entry.operation == acl_operation::unknown || b.entry.operation == acl_operation::any)
        return invalid("Invalid operation " + std::string(to_string(b.entry.operation)));
    if (b.entry.permission != acl_permission::allow && b.entry.permission != acl_permission::deny)
        return invalid("Invalid permissionType " + std::string(to_string(b.entry.permission)));
    auto colon = b.entry.principal.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == b.entry.principal.size())
        return invalid("Could not parse principal from `" + b.entry.principal + "` (no colon is found between " +
                       "the principal type and name)");
    if (b.entry.host.empty()) return invalid("Invalid empty host specified");
    return {};
}

}  // namespace sluice::security
