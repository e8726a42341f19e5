// DescribeAcls (key 29), CreateAcls (key 30) and DeleteAcls (key 31): listing, adding and removing ACL
// bindings. v1 adds the pattern type (v0 requests and answers are LITERAL); flexible from v2; v3 changes no
// field (it allows the USER resource type). The enums are Kafka's wire codes (engine/security/acl_*.h).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

inline constexpr int8_t acl_pattern_literal_code = 3;

struct describe_acls_request {
    int8_t resource_type_filter = 0;
    std::optional<std::string> resource_name_filter;
    int8_t pattern_type_filter = acl_pattern_literal_code;
    std::optional<std::string> principal_filter;
    std::optional<std::string> host_filter;
    int8_t operation = 0;
    int8_t permission_type = 0;
    static constexpr auto schema() {
        using T = describe_acls_request;
        return std::tuple{field(&T::resource_type_filter, "ResourceTypeFilter"),
                          field(&T::resource_name_filter, "ResourceNameFilter"),
                          field(&T::pattern_type_filter, "PatternTypeFilter", 1),
                          field(&T::principal_filter, "PrincipalFilter"),
                          field(&T::host_filter, "HostFilter"),
                          field(&T::operation, "Operation"),
                          field(&T::permission_type, "PermissionType")};
    }
};

struct describe_acls_response {
    struct acl_description {
        std::string principal;
        std::string host;
        int8_t operation = 0;
        int8_t permission_type = 0;
        static constexpr auto schema() {
            using T = acl_description;
            return std::tuple{field(&T::principal, "Principal"), field(&T::host, "Host"),
                              field(&T::operation, "Operation"), field(&T::permission_type, "PermissionType")};
        }
    };
    struct resource {
        int8_t resource_type = 0;
        std::string resource_name;
        int8_t pattern_type = acl_pattern_literal_code;
        std::vector<acl_description> acls;
        static constexpr auto schema() {
            using T = resource;
            return std::tuple{field(&T::resource_type, "ResourceType"), field(&T::resource_name, "ResourceName"),
                              field(&T::pattern_type, "PatternType", 1), field(&T::acls, "Acls")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    std::vector<resource> resources;
    static constexpr auto schema() {
        using T = describe_acls_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage"), field(&T::resources, "Resources")};
    }
};

struct create_acls_request {
    struct creation {
        int8_t resource_type = 0;
        std::string resource_name;
        int8_t resource_pattern_type = acl_pattern_literal_code;
        std::string principal;
        std::string host;
        int8_t operation = 0;
        int8_t permission_type = 0;
        static constexpr auto schema() {
            using T = creation;
            return std::tuple{field(&T::resource_type, "ResourceType"),
                              field(&T::resource_name, "ResourceName"),
                              field(&T::resource_pattern_type, "ResourcePatternType", 1),
                              field(&T::principal, "Principal"),
                              field(&T::host, "Host"),
                              field(&T::operation, "Operation"),
                              field(&T::permission_type, "PermissionType")};
        }
    };
    std::vector<creation> creations;
    static constexpr auto schema() { return std::tuple{field(&create_acls_request::creations, "Creations")}; }
};

struct create_acls_response {
    struct creation_result {
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            return std::tuple{field(&creation_result::error_code, "ErrorCode"),
                              field(&creation_result::error_message, "ErrorMessage")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<creation_result> results;
    static constexpr auto schema() {
        return std::tuple{field(&create_acls_response::throttle_time_ms, "ThrottleTimeMs"),
                          field(&create_acls_response::results, "Results")};
    }
};

struct delete_acls_request {
    struct filter {
        int8_t resource_type_filter = 0;
        std::optional<std::string> resource_name_filter;
        int8_t pattern_type_filter = acl_pattern_literal_code;
        std::optional<std::string> principal_filter;
        std::optional<std::string> host_filter;
        int8_t operation = 0;
        int8_t permission_type = 0;
        static constexpr auto schema() {
            using T = filter;
            return std::tuple{field(&T::resource_type_filter, "ResourceTypeFilter"),
                              field(&T::resource_name_filter, "ResourceNameFilter"),
                              field(&T::pattern_type_filter, "PatternTypeFilter", 1),
                              field(&T::principal_filter, "PrincipalFilter"),
                              field(&T::host_filter, "HostFilter"),
                              field(&T::operation, "Operation"),
                              field(&T::permission_type, "PermissionType")};
        }
    };
    std::vector<filter> filters;
    static constexpr auto schema() { return std::tuple{field(&delete_acls_request::filters, "Filters")}; }
};

struct delete_acls_response {
    struct matching_acl {
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        int8_t resource_type = 0;
        std::string resource_name;
        int8_t pattern_type = acl_pattern_literal_code;
        std::string principal;
        std::string host;
        int8_t operation = 0;
        int8_t permission_type = 0;
        static constexpr auto schema() {
            using T = matching_acl;
            return std::tuple{field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage"),
                              field(&T::resource_type, "ResourceType"),
                              field(&T::resource_name, "ResourceName"),
                              field(&T::pattern_type, "PatternType", 1),
                              field(&T::principal, "Principal"),
                              field(&T::host, "Host"),
                              field(&T::operation, "Operation"),
                              field(&T::permission_type, "PermissionType")};
        }
    };
    struct filter_result {
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        std::vector<matching_acl> matching_acls;
        static constexpr auto schema() {
            using T = filter_result;
            return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::error_message, "ErrorMessage"),
                              field(&T::matching_acls, "MatchingAcls")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<filter_result> filter_results;
    static constexpr auto schema() {
        return std::tuple{field(&delete_acls_response::throttle_time_ms, "ThrottleTimeMs"),
                          field(&delete_acls_response::filter_results, "FilterResults")};
    }
};

struct describe_acls_api {
    static constexpr api_key key = api_key::describe_acls;
    using request = describe_acls_request;
    using response = describe_acls_response;
};
struct create_acls_api {
    static constexpr api_key key = api_key::create_acls;
    using request = create_acls_request;
    using response = create_acls_response;
};
struct delete_acls_api {
    static constexpr api_key key = api_key::delete_acls;
    using request = delete_acls_request;
    using response = delete_acls_response;
};

SLUICE_DECLARE_CODEC(describe_acls_request);
SLUICE_DECLARE_CODEC(describe_acls_response);
SLUICE_DECLARE_CODEC(create_acls_request);
SLUICE_DECLARE_CODEC(create_acls_response);
SLUICE_DECLARE_CODEC(delete_acls_request);
SLUICE_DECLARE_CODEC(delete_acls_response);

}  // namespace sluice::protocol
