#include "engine/metadata/acl_record.h"

namespace sluice::metadata {

security::acl_binding acl_binding_of(const access_control_entry_record& r) {
    using namespace security;
    return {{resource_type_from_code(r.resource_type), r.resource_name, pattern_type_from_code(r.pattern_type)},
            {r.principal, r.host, acl_operation_from_code(r.operation), acl_permission_from_code(r.permission_type)}};
}

access_control_entry_record acl_record_of(const uuid& id, const security::acl_binding& b) {
    return {id,
            static_cast<int8_t>(b.pattern.type),
            b.pattern.name,
            static_cast<int8_t>(b.pattern.pattern),
            b.entry.principal,
            b.entry.host,
            static_cast<int8_t>(b.entry.operation),
            static_cast<int8_t>(b.entry.permission)};
}

}  // namespace sluice::metadata
