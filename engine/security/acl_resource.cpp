#include "engine/security/acl_resource.h"

namespace sluice::security {

resource_type resource_type_from_code(int8_t code) {
    if (code < 0 || code > static_cast<int8_t>(resource_type::delegation_token)) return resource_type::unknown;
    return static_cast<resource_type>(code);
}

pattern_type pattern_type_from_code(int8_t code) {
    if (code < 0 || code > static_cast<int8_t>(pattern_type::prefixed)) return pattern_type::unknown;
    return static_cast<pattern_type>(code);
}

std::string_view to_string(resource_type type) {
    switch (type) {
        case resource_type::any:
            return "ANY";
        case resource_type::topic:
            return "TOPIC";
        case resource_type::group:
            return "GROUP";
        case resource_type::cluster:
            return "CLUSTER";
        case resource_type::transactional_id:
            return "TRANSACTIONAL_ID";
        case resource_type::delegation_token:
            return "DELEGATION_TOKEN";
        case resource_type::unknown:
            break;
    }
    return "UNKNOWN";
}

std::string_view to_string(pattern_type type) {
    switch (type) {
        case pattern_type::any:
            return "ANY";
        case pattern_type::match:
            return "MATCH";
        case pattern_type::literal:
            return "LITERAL";
        case pattern_type::prefixed:
            return "PREFIXED";
        case pattern_type::unknown:
            break;
    }
    return "UNKNOWN";
}

bool pattern_covers(const resource_pattern& pattern, const resource& r) {
    if (pattern.type != r.type) return false;
    switch (pattern.pattern) {
        case pattern_type::literal:
            return pattern.name == r.name || pattern.name == wildcard_resource;
        case pattern_type::prefixed:
            return std::string_view(r.name).starts_with(pattern.name);
        default:
            return false;  // filters' MATCH/ANY never name a binding's pattern
    }
}

}  // namespace sluice::security
