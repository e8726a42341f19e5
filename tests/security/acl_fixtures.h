// Building ACLs in tests: one binding from its parts, and an acl_source over a vector of them (what the
// broker's metadata image provides).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "engine/security/authorizer.h"

namespace sluice::security::testing {

inline acl_binding acl(resource_type type, std::string name, pattern_type pattern, std::string principal,
                       acl_operation op, acl_permission permission, std::string host = "*") {
    return {{type, std::move(name), pattern}, {std::move(principal), std::move(host), op, permission}};
}

inline acl_source source_of(const std::vector<acl_binding>& acls) {
    return [&acls](const std::function<bool(const acl_binding&)>& visit) {
        for (const auto& a : acls)
            if (!visit(a)) return;
    };
}

}  // namespace sluice::security::testing
