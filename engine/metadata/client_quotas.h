// Client quotas as Kafka's controller and brokers read them from the metadata image: the quota keys and the
// entities that take them, AlterClientQuotas' checks and the records they become, DescribeClientQuotas'
// filter (match types EXACT, DEFAULT, ANY and `strict`), and which quota applies to a (user, client-id).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"

namespace sluice::metadata {

inline constexpr std::string_view producer_byte_rate = "producer_byte_rate";
inline constexpr std::string_view consumer_byte_rate = "consumer_byte_rate";
inline constexpr std::string_view request_percentage = "request_percentage";
inline constexpr std::string_view controller_mutation_rate = "controller_mutation_rate";
inline constexpr std::string_view connection_creation_rate = "connection_creation_rate";

// One quota key Kafka knows (its QuotaConfigs): for user/client-id entities or for ip ones, and whether its
// value is an integer (Kafka's LONG/INT keys) rather than a double.
struct quota_key_definition {
    std::string_view name;
    bool for_ip = false;
    bool integral = false;
};
std::span<const quota_key_definition> quota_keys();

using quota_entity_data = client_quota_record::entity_data;

client_quota_entity client_quota_entity_of(std::span<const quota_entity_data> entity);
inline client_quota_entity client_quota_entity_of(const client_quota_record& r) {
    return client_quota_entity_of(r.entity);
}
client_quota_record client_quota_record_of(const client_quota_entity& entity, std::string key, double value,
                                           bool remove = false);

// AlterClientQuotas: one entry's entity as the client sent it (duplicates are an error) and its operations.
struct client_quota_op {
    std::string key;
    double value = 0;
    bool remove = false;
};
struct client_quota_alteration {
    std::vector<quota_entity_data> entity;
    std::vector<client_quota_op> ops;
};
struct client_quota_outcome {
    protocol::error_code code = protocol::error_code::none;
    std::string message;
};

// One outcome per entry, in order; the records of the entries that passed (an entry is all or nothing, the
// others are independent, as in Kafka). Removing a quota that is not set is no change.
std::vector<metadata_record> plan_client_quota_changes(const metadata_image& image,
                                                       std::span<const client_quota_alteration> entries,
                                                       std::vector<client_quota_outcome>& outcomes);

// DescribeClientQuotas' filter components (Kafka's match types).
inline constexpr int8_t quota_match_exact = 0;
inline constexpr int8_t quota_match_default = 1;
inline constexpr int8_t quota_match_any = 2;
struct client_quota_filter_component {
    std::string entity_type;
    int8_t match_type = quota_match_any;
    std::optional<std::string> match;
};

using client_quota_entry = std::pair<client_quota_entity, std::map<std::string, double>>;
// The entities the filter matches with their quotas: each component's type must be in the entity and match;
// with `strict`, the entity has no other types. INVALID_REQUEST for a malformed filter.
result<std::vector<client_quota_entry>> describe_client_quotas(
    const metadata_image& image, std::span<const client_quota_filter_component> components, bool strict);

// The quota `key` that applies to a client, from the most specific entity that sets it, in Kafka's order:
// /users/u/clients/c, /users/u/clients/<default>, /users/u, /users/<default>/clients/c,
// /users/<default>/clients/<default>, /users/<default>, /clients/c, /clients/<default>. The quota is shared
// by the clients it names by name (per_user / per_client), as Kafka's quota metric tags: a user's quota by all
// that user's clients, a default one by each client on its own. nullopt: no quota.
struct resolved_client_quota {
    double limit = 0;
    bool per_user = false;
    bool per_client = false;
};
std::optional<resolved_client_quota> resolve_client_quota(const metadata_image& image, const std::string& user,
                                                          const std::string& client_id, std::string_view key);

}  // namespace sluice::metadata
