// What an ACL protects: a resource type (Kafka's ResourceType wire codes) and a pattern over resource names
// (PatternType: LITERAL names one resource, or every one with the `*` wildcard; PREFIXED every name that
// starts with it). MATCH and ANY exist only in filters (acl_filter.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::security {

enum class resource_type : int8_t {
    unknown = 0,
    any = 1,
    topic = 2,
    group = 3,
    cluster = 4,
    transactional_id = 5,
    delegation_token = 6,
};

enum class pattern_type : int8_t {
    unknown = 0,
    any = 1,
    match = 2,
    literal = 3,
    prefixed = 4,
};

// A code off the wire as the enum; codes this build does not know are `unknown`, as in Kafka.
resource_type resource_type_from_code(int8_t code);
pattern_type pattern_type_from_code(int8_t code);
std::string_view to_string(resource_type type);
std::string_view to_string(pattern_type type);

// A LITERAL pattern of this name matches every resource of its type.
inline constexpr std::string_view wildcard_resource = "*";
// The one name a CLUSTER resource has.
inline constexpr std::string_view cluster_resource_name = "kafka-cluster";

// The resource pattern of an ACL binding: only LITERAL or PREFIXED, and a concrete type.
struct resource_pattern {
    resource_type type = resource_type::unknown;
    std::string name;
    pattern_type pattern = pattern_type::literal;
    friend bool operator==(const resource_pattern&, const resource_pattern&) = default;
};

// One concrete resource a request touches, e.g. {topic, "orders"}.
struct resource {
    resource_type type = resource_type::unknown;
    std::string name;
};

// Whether the ACLs of `pattern` apply to `r`: same type, and the literal name, the wildcard, or a prefix.
bool pattern_covers(const resource_pattern& pattern, const resource& r);

}  // namespace sluice::security
