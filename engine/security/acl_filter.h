// What DescribeAcls and DeleteAcls select ACLs by (Kafka's AclBindingFilter): a resource type or ANY; a name
// or null (any); a pattern type LITERAL/PREFIXED (exact), ANY (any pattern of exactly that name) or MATCH
// (every binding that would apply to that resource: the literal name, the `*` wildcard, the prefixes of it);
// a principal and host or null; an operation and permission or ANY.
#pragma once
#include <optional>
#include <string>

#include "engine/common/result.h"
#include "engine/security/acl_binding.h"

namespace sluice::security {

struct acl_filter {
    resource_type type = resource_type::any;
    std::optional<std::string> name;
    pattern_type pattern = pattern_type::literal;
    std::optional<std::string> principal;
    std::optional<std::string> host;
    acl_operation operation = acl_operation::any;
    acl_permission permission = acl_permission::any;
};

bool filter_matches(const acl_filter& filter, const acl_binding& binding);

// A filter with an UNKNOWN element matches nothing and is refused with INVALID_REQUEST, as in Kafka.
result<void> validate_filter(const acl_filter& filter);

}  // namespace sluice::security
