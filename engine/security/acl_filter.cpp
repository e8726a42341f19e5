#include "engine/security/acl_filter.h"

namespace sluice::security {

namespace {
bool pattern_matches(const acl_filter& f, const resource_pattern& p) {
    if (f.type != resource_type::any && f.type != p.type) return false;
    if (f.pattern != pattern_type::any && f.pattern != pattern_type::match && f.pattern != p.pattern) return false;
    if (!f.name) return true;
    if (f.pattern == pattern_type::any || f.pattern == p.pattern) return *f.name == p.name;
    // MATCH: the bindings that cover a resource of that name.
    return pattern_covers(p, resource{p.type, *f.name});
}
}  // namespace

bool filter_matches(const acl_filter& f, const acl_binding& b) {
    if (!pattern_matches(f, b.pattern)) return false;
    if (f.principal && *f.principal != b.entry.principal) return false;
    if (f.host && *f.host != b.entry.host) return false;
    if (f.operation != acl_operation::any && f.operation != b.entry.operation) return false;
    if (f.permission != acl_permission::any && f.permission != b.entry.permission) return false;
    return true;
}

result<void> validate_filter(const acl_filter& f) {
    auto invalid = [](std::string_view what) {
        return make_error(protocol::error_code::invalid_request,
                          "The filter has an UNKNOWN " + std::string(what) + " and matches nothing");
    };
    if (f.type == resource_type::unknown) return invalid("resource type");
    if (f.pattern == pattern_type::unknown) return invalid("pattern type");
    if (f.operation == acl_operation::unknown) return invalid("operation");
    if (f.permission == acl_permission::unknown) return invalid("permission type");
    return {};
}

}  // namespace sluice::security
