// The ACL admin APIs — DescribeAcls, CreateAcls, DeleteAcls (v1-3, LITERAL and PREFIXED patterns) — in the
// engine's ACL value types (engine/security): what the app's ACL view lists, creates and deletes, as
// kafka-acls.sh does. Any broker takes them (a cluster forwards them to its controller). Blocking, for a
// worker thread. The outer result fails when the request could not be made or was refused as a whole
// (SECURITY_DISABLED without an authorizer, CLUSTER_AUTHORIZATION_FAILED); each binding or filter then has
// its own Kafka error.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/security/acl_binding.h"
#include "engine/security/acl_filter.h"

namespace sluice::client {

struct acl_outcome {
    int16_t error = 0;    // Kafka's code; 0 when created
    std::string message;  // Kafka's message, if any
    bool ok() const { return error == 0; }
};

struct acl_deletion {
    int16_t error = 0;  // the filter's own error (INVALID_REQUEST for a filter that matches nothing by design)
    std::string message;
    std::vector<security::acl_binding> deleted;  // what the filter matched and removed
};

class acl_admin {
public:
    explicit acl_admin(cluster_client& cluster) : cluster_(cluster) {}

    result<std::vector<security::acl_binding>> describe(const security::acl_filter& filter);
    // One outcome per binding, in order.
    result<std::vector<acl_outcome>> create(std::span<const security::acl_binding> bindings);
    // One deletion per filter, in order.
    result<std::vector<acl_deletion>> remove(std::span<const security::acl_filter> filters);

private:
    cluster_client& cluster_;
};

}  // namespace sluice::client
