// DescribeClientQuotas (key 48) and AlterClientQuotas (key 49), KIP-546: which quotas the user, client-id
// and ip entities have, and setting or removing them. v0-1; v1 is flexible.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

// An entity part as both APIs carry it: a null name is the type's default.
struct client_quota_entity_data {
    std::string entity_type;
    std::optional<std::string> entity_name;
    static constexpr auto schema() {
        using T = client_quota_entity_data;
        return std::tuple{field(&T::entity_type, "EntityType"), field(&T::entity_name, "EntityName")};
    }
};

struct describe_client_quotas_request {
    struct component {
        std::string entity_type;
        int8_t match_type = 0;  // 0 EXACT (match names it), 1 DEFAULT, 2 ANY
        std::optional<std::string> match;
        static constexpr auto schema() {
            using T = component;
            return std::tuple{field(&T::entity_type, "EntityType"), field(&T::match_type, "MatchType"),
                              field(&T::match, "Match")};
        }
    };
    std::vector<component> components;
    bool strict = false;
    static constexpr auto schema() {
        using T = describe_client_quotas_request;
        return std::tuple{field(&T::components, "Components"), field(&T::strict, "Strict")};
    }
};

struct describe_client_quotas_response {
    struct value_data {
        std::string key;
        double value = 0;
        static constexpr auto schema() {
            return std::tuple{field(&value_data::key, "Key"), field(&value_data::value, "Value")};
        }
    };
    struct entry_data {
        std::vector<client_quota_entity_data> entity;
        std::vector<value_data> values;
        static constexpr auto schema() {
            return std::tuple{field(&entry_data::entity, "Entity"), field(&entry_data::values, "Values")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::optional<std::string> error_message;
    std::optional<std::vector<entry_data>> entries;  // null on error
    static constexpr auto schema() {
        using T = describe_client_quotas_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::error_message, "ErrorMessage"), field(&T::entries, "Entries")};
    }
};

struct alter_client_quotas_request {
    struct op_data {
        std::string key;
        double value = 0;
        bool remove = false;
        static constexpr auto schema() {
            return std::tuple{field(&op_data::key, "Key"), field(&op_data::value, "Value"),
                              field(&op_data::remove, "Remove")};
        }
    };
    struct entry_data {
        std::vector<client_quota_entity_data> entity;
        std::vector<op_data> ops;
        static constexpr auto schema() {
            return std::tuple{field(&entry_data::entity, "Entity"), field(&entry_data::ops, "Ops")};
        }
    };
    std::vector<entry_data> entries;
    bool validate_only = false;
    static constexpr auto schema() {
        using T = alter_client_quotas_request;
        return std::tuple{field(&T::entries, "Entries"), field(&T::validate_only, "ValidateOnly")};
    }
};

struct alter_client_quotas_response {
    struct entry_data {
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        std::vector<client_quota_entity_data> entity;
        static constexpr auto schema() {
            return std::tuple{field(&entry_data::error_code, "ErrorCode"),
                              field(&entry_data::error_message, "ErrorMessage"), field(&entry_data::entity, "Entity")};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<entry_data> entries;
    static constexpr auto schema() {
        using T = alter_client_quotas_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::entries, "Entries")};
    }
};

struct describe_client_quotas_api {
    static constexpr api_key key = api_key::describe_client_quotas;
    using request = describe_client_quotas_request;
    using response = describe_client_quotas_response;
};

struct alter_client_quotas_api {
    static constexpr api_key key = api_key::alter_client_quotas;
    using request = alter_client_quotas_request;
    using response = alter_client_quotas_response;
};

SLUICE_DECLARE_CODEC(describe_client_quotas_request);
SLUICE_DECLARE_CODEC(describe_client_quotas_response);
SLUICE_DECLARE_CODEC(alter_client_quotas_request);
SLUICE_DECLARE_CODEC(alter_client_quotas_response);

}  // namespace sluice::protocol
