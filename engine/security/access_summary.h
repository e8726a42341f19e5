// What one principal, connecting from one host, may do on each resource pattern the cluster's ACLs name, decided
// by the authorizer itself (authorizer.h: DENY wins, LITERAL / PREFIXED / `*` patterns, Type:* principals, the
// operation implications of acl_operation.h): the "what can this principal do" summary of the app's ACL view.
#pragma once
#include <string_view>
#include <vector>

#include "engine/security/authorizer.h"

namespace sluice::security {

// The operations Kafka accepts in an ACL of this resource type (kafka-acls.sh's table), ALL first.
std::vector<acl_operation> valid_operations(resource_type type);

struct access_row {
    resource_pattern pattern;            // a pattern some ACL of the principal names
    std::vector<acl_operation> allowed;  // concrete operations the authorizer allows there
    std::vector<acl_operation> denied;   // operations a DENY of the principal takes away there
};

// One row per distinct pattern of an ACL that applies to the principal and host, in the order the ACLs come.
// A pattern stands for the resources it covers that no more specific ACL names: a PREFIXED pattern is judged on
// a resource named exactly the prefix, the `*` literal on a resource no other pattern names. Super users are
// not special here (the broker's super.users is not visible to clients); allow.everyone.if.no.acl.found neither.
std::vector<access_row> summarize_access(const acl_source& acls, const kafka_principal& principal,
                                         std::string_view host);

}  // namespace sluice::security
