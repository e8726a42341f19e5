#include "engine/security/acl_operation.h"

namespace sluice::security {

acl_operation acl_operation_from_code(int8_t code) {
    if (code < 0 || code > static_cast<int8_t>(acl_operation::idempotent_write)) return acl_operation::unknown;
    return static_cast<acl_operation>(code);
}

std::string_view to_string(acl_operation op) {
    switch (op) {
        case acl_operation::any:
            return "ANY";
        case acl_operation::all:
            return "ALL";
        case acl_operation::read:
            return "READ";
        case acl_operation::write:
            return "WRITE";
        case acl_operation::create:
            return "CREATE";
        case acl_operation::del:
            return "DELETE";
        case acl_operation::alter:
            return "ALTER";
        case acl_operation::describe:
            return "DESCRIBE";
        case acl_operation::cluster_action:
            return "CLUSTER_ACTION";
        case acl_operation::describe_configs:
            return "DESCRIBE_CONFIGS";
        case acl_operation::alter_configs:
            return "ALTER_CONFIGS";
        case acl_operation::idempotent_write:
            return "IDEMPOTENT_WRITE";
        case acl_operation::unknown:
            break;
    }
    return "UNKNOWN";
}

bool allow_implies(acl_operation granted, acl_operation requested) {
    if (granted == acl_operation::all || granted == requested) return true;
    switch (requested) {
        case acl_operation::describe:
            return granted == acl_operation::read || granted == acl_operation::write || granted == acl_operation::del ||
                   granted == acl_operation::alter;
        case acl_operation::describe_configs:
            return granted == acl_operation::alter_configs;
        default:
            return false;
    }
}

bool deny_applies(acl_operation denied, acl_operation requested) {
    return denied == acl_operation::all || denied == requested;
}

}  // namespace sluice::security
