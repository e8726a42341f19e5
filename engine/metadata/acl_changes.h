// CreateAcls and DeleteAcls as Kafka's controller plans them against the metadata image: each new binding is
// validated on its own (INVALID_REQUEST with the reason) and one that already exists is not added twice;
// each deletion filter removes every binding it matches, and a binding two filters match is removed once.
#pragma once
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"
#include "engine/security/acl_filter.h"

namespace sluice::metadata {

// One creation's answer, in request order.
struct acl_creation_outcome {
    protocol::error_code code = protocol::error_code::none;
    std::string message;
};

std::vector<metadata_record> plan_acl_creations(const metadata_image& image,
                                                std::span<const security::acl_binding> creations,
                                                std::vector<acl_creation_outcome>& outcomes);

// One deletion filter's answer: its error, or the bindings it removes.
struct acl_deletion_outcome {
    protocol::error_code code = protocol::error_code::none;
    std::string message;
    std::vector<security::acl_binding> removed;
};

std::vector<metadata_record> plan_acl_deletions(const metadata_image& image,
                                                std::span<const security::acl_filter> filters,
                                                std::vector<acl_deletion_outcome>& outcomes);

// The bindings of `image` a filter matches (DescribeAcls), in id order.
std::vector<security::acl_binding> matching_acls(const metadata_image& image, const security::acl_filter& filter);

}  // namespace sluice::metadata
