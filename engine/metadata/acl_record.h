// The two forms of one ACL: the binding the authorizer reads and the access_control_entry_record the
// metadata log carries (Kafka's wire codes for the enums).
#pragma once
#include "engine/metadata/metadata_records.h"
#include "engine/security/acl_binding.h"

namespace sluice::metadata {

security::acl_binding acl_binding_of(const access_control_entry_record& record);
access_control_entry_record acl_record_of(const uuid& id, const security::acl_binding& binding);

}  // namespace sluice::metadata
