// The operations an ACL allows or denies (Kafka's AclOperation wire codes) and Kafka's implications: an
// ALLOW of READ, WRITE, DELETE or ALTER also allows DESCRIBE; ALTER_CONFIGS allows DESCRIBE_CONFIGS; ALL
// allows everything. A DENY denies only its own operation (or every one, for ALL).
#pragma once
#include <cstdint>
#include <string_view>

namespace sluice::security {

enum class acl_operation : int8_t {
    unknown = 0,
    any = 1,  // filters only
    all = 2,
    read = 3,
    write = 4,
    create = 5,
    del = 6,  // DELETE
    alter = 7,
    describe = 8,
    cluster_action = 9,
    describe_configs = 10,
    alter_configs = 11,
    idempotent_write = 12,
};

acl_operation acl_operation_from_code(int8_t code);
std::string_view to_string(acl_operation op);

// Whether an ALLOW ACL for `granted` allows `requested`.
bool allow_implies(acl_operation granted, acl_operation requested);
// Whether a DENY ACL for `denied` denies `requested`.
bool deny_applies(acl_operation denied, acl_operation requested);

}  // namespace sluice::security
