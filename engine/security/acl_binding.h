// One ACL as Kafka stores it: a resource pattern and an access control entry (principal "User:alice" or
// "User:*", host "*" or one address, operation, ALLOW or DENY; Kafka's AclPermissionType wire codes).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/security/acl_operation.h"
#include "engine/security/acl_resource.h"

namespace sluice::security {

enum class acl_permission : int8_t { unknown = 0, any = 1, deny = 2, allow = 3 };

acl_permission acl_permission_from_code(int8_t code);
std::string_view to_string(acl_permission permission);

// An entry's principal "User:*" matches every principal of that type; host "*" matches every host.
inline constexpr std::string_view wildcard_principal = "User:*";
inline constexpr std::string_view wildcard_host = "*";

struct acl_entry {
    std::string principal;  // "Type:name", e.g. User:alice
    std::string host = std::string(wildcard_host);
    acl_operation operation = acl_operation::unknown;
    acl_permission permission = acl_permission::unknown;
    friend bool operator==(const acl_entry&, const acl_entry&) = default;
};

struct acl_binding {
    resource_pattern pattern;
    acl_entry entry;
    friend bool operator==(const acl_binding&, const acl_binding&) = default;
};

// Kafka's checks on an ACL to be created (INVALID_REQUEST with the reason): a concrete resource type, a
// LITERAL or PREFIXED pattern, a non-empty name (kafka-cluster for CLUSTER), a concrete operation and
// permission, and a principal of the form Type:name.
result<void> validate_new_binding(const acl_binding& binding);

}  // namespace sluice::security
