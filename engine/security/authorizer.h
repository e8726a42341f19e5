// The ACL authorizer's decision, as Kafka's StandardAuthorizer makes it: super users may do anything; else a
// matching DENY wins; else a matching ALLOW (with the operation implications of acl_operation.h) allows; a
// resource no ACL covers at all is allowed only with allow.everyone.if.no.acl.found. An ACL matches when its
// pattern covers the resource, its principal is the caller's or User:*, and its host is the caller's or `*`.
// Pure and deterministic: the ACLs are handed in, so the broker passes its metadata image's.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/security/acl_binding.h"
#include "engine/security/kafka_principal.h"

namespace sluice::security {

struct authorizer_settings {
    std::set<std::string> super_users;  // "User:admin", from super.users
    bool allow_everyone_if_no_acl_found = false;
};

// The authorizer classes Kafka ships; both name this one: true. False for an empty authorizer.class.name (no
// authorizer); an error naming the value for any other class.
result<bool> authorizer_enabled(std::string_view class_name);
// super.users: principals separated by semicolons ("User:admin;User:broker"), blanks trimmed.
std::set<std::string> parse_super_users(std::string_view value);

// Calls `visit` for each ACL in the cluster; the visitor answers false to stop early.
using acl_source = std::function<void(const std::function<bool(const acl_binding&)>& visit)>;

enum class authorization { allowed, denied };

// Whether an ACL's entry names this caller: its principal or the type's wildcard (User:*), its host or `*`.
bool entry_applies(const acl_entry& entry, const kafka_principal& principal, std::string_view host);

struct authorization_request {
    const kafka_principal& principal;
    std::string_view host;  // the client's address, without port
    acl_operation operation;
    const resource& target;
};

authorization authorize(const authorizer_settings& settings, const acl_source& acls,
                        const authorization_request& request);

// Kafka's authorizeByResourceType (KIP-679's "WRITE on any topic"): whether some ALLOW for the operation on a
// resource of `type` applies to the caller and is not cancelled by a DENY of the caller on the same or a
// wider pattern (the `*` literal, the same literal, a prefix of it).
authorization authorize_any(const authorizer_settings& settings, const acl_source& acls,
                            const kafka_principal& principal, std::string_view host, acl_operation operation,
                            resource_type type);

// The address part of "host:port" or "[v6]:port".
std::string_view host_of_peer(std::string_view peer);

}  // namespace sluice::security
