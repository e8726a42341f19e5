#include "engine/metadata/client_quotas.h"

#include <arpa/inet.h>

#include <array>
#include <cmath>
#include <set>

namespace sluice::metadata {

namespace {
using protocol::error_code;

constexpr std::array quota_key_table{
    quota_key_definition{producer_byte_rate, false, true},
    quota_key_definition{consumer_byte_rate, false, true},
    quota_key_definition{request_percentage, false, false},
    quota_key_definition{controller_mutation_rate, false, false},
    quota_key_definition{connection_creation_rate, true, true},
};

const quota_key_definition* find_key(std::string_view name) {
    for (const auto& k : quota_key_table)
        if (k.name == name) return &k;
    return nullptr;
}

bool known_entity_type(std::string_view type) {
    return type == quota_entity_user || type == quota_entity_client_id || type == quota_entity_ip;
}

bool ip_address(const std::string& text) {
    std::array<unsigned char, 16> buffer{};
    return inet_pton(AF_INET, text.c_str(), buffer.data()) == 1 ||
           inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

client_quota_outcome invalid(std::string message) { return {error_code::invalid_request, std::move(message)}; }

client_quota_outcome check_entity(std::span<const quota_entity_data> entity) {
    if (entity.empty()) return invalid("Invalid empty client quota entity");
    std::set<std::string> types;
    for (const auto& e : entity) {
        if (!known_entity_type(e.entity_type)) return invalid("Unhandled client quota entity type: " + e.entity_type);
        if (!types.insert(e.entity_type).second)
            return invalid("Invalid client quota entity: duplicate entity type " + e.entity_type);
        if (e.entity_type == quota_entity_ip && e.entity_name && !ip_address(*e.entity_name))
            return invalid(*e.entity_name + " is not a valid IP address");
    }
    if (types.contains(quota_entity_ip) && types.size() > 1)
        return invalid("Invalid quota entity combination, IP entity should not be used with user/client ID entity");
    return {};
}

client_quota_outcome check_op(const client_quota_op& op, bool ip_entity, std::set<std::string>& keys) {
    const auto* key = find_key(op.key);
    if (!key || key->for_ip != ip_entity) return invalid("Invalid configuration key " + op.key);
    if (!keys.insert(op.key).second) return invalid("Duplicate quota key " + op.key + " in one entity");
    if (op.remove) return {};
    if (!std::isfinite(op.value) || op.value < 0)
        return invalid("Invalid value " + std::to_string(op.value) + " for configuration key " + op.key);
    if (key->integral && (op.value != std::floor(op.value) || op.value > 9.2e18))
        return invalid("Integer value expected for configuration key " + op.key + ", got " + std::to_string(op.value));
    return {};
}

client_quota_outcome check_component(const client_quota_filter_component& c) {
    if (!known_entity_type(c.entity_type)) return invalid("Custom entity type " + c.entity_type + " not supported");
    switch (c.match_type) {
        case quota_match_exact:
            if (!c.match) return invalid("Request specified MATCH_TYPE_EXACT, but set match string to null");
            return {};
        case quota_match_default:
        case quota_match_any:
            if (c.match) return invalid("Request specified a match string for a DEFAULT or ANY match type");
            return {};
        default:
            return invalid("Unknown match type " + std::to_string(c.match_type));
    }
}

bool matches(const client_quota_entity& entity, const client_quota_filter_component& c) {
    auto it = entity.find(c.entity_type);
    if (it == entity.end()) return false;
    switch (c.match_type) {
        case quota_match_exact:
            return it->second == c.match;
        case quota_match_default:
            return !it->second;
        default:
            return true;
    }
}
}  // namespace

std::span<const quota_key_definition> quota_keys() { return quota_key_table; }

client_quota_entity client_quota_entity_of(std::span<const quota_entity_data> entity) {
    client_quota_entity out;
    for (const auto& e : entity) out[e.entity_type] = e.entity_name;
    return out;
}

client_quota_record client_quota_record_of(const client_quota_entity& entity, std::string key, double value,
                                           bool remove) {
    client_quota_record r;
    for (const auto& [type, name] : entity) r.entity.push_back({type, name});
    r.key = std::move(key);
    r.value = value;
    r.remove = remove;
    return r;
}

std::vector<metadata_record> plan_client_quota_changes(const metadata_image& image,
                                                       std::span<const client_quota_alteration> entries,
                                                       std::vector<client_quota_outcome>& outcomes) {
    std::vector<metadata_record> records;
    for (const auto& entry : entries) {
        auto outcome = check_entity(entry.entity);
        const bool ip_entity = !entry.entity.empty() && entry.entity.front().entity_type == quota_entity_ip;
        std::set<std::string> keys;
        for (const auto& op : entry.ops)
            if (outcome.code == error_code::none) outcome = check_op(op, ip_entity, keys);
        outcomes.push_back(outcome);
        if (outcome.code != error_code::none) continue;
        auto entity = client_quota_entity_of(entry.entity);
        const auto existing = image.client_quotas().find(entity);
        for (const auto& op : entry.ops) {
            const bool set = existing != image.client_quotas().end() && existing->second.contains(op.key);
            if (op.remove && !set) continue;
            records.push_back(client_quota_record_of(entity, op.key, op.remove ? 0.0 : op.value, op.remove));
        }
    }
    return records;
}

result<std::vector<client_quota_entry>> describe_client_quotas(
    const metadata_image& image, std::span<const client_quota_filter_component> components, bool strict) {
    std::set<std::string> types;
    for (const auto& c : components) {
        if (auto checked = check_component(c); checked.code != error_code::none)
            return make_error(checked.code, checked.message);
        if (!types.insert(c.entity_type).second)
            return make_error(error_code::invalid_request,
                              "Entity type " + c.entity_type + " cannot appear more than once in the filter");
    }
    if (types.contains(quota_entity_ip) && types.size() > 1)
        return make_error(error_code::invalid_request,
                          "Invalid entity filter component combination, IP filter component should not be used with "
                          "user or clientId filter component");
    std::vector<client_quota_entry> out;
    for (const auto& [entity, quotas] : image.client_quotas()) {
        if (strict && entity.size() != components.size()) continue;
        bool all = true;
        for (const auto& c : components) all = all && matches(entity, c);
        if (all) out.emplace_back(entity, quotas);
    }
    return out;
}

std::optional<resolved_client_quota> resolve_client_quota(const metadata_image& image, const std::string& user,
                                                          const std::string& client_id, std::string_view key) {
    using name = std::optional<std::string>;
    struct candidate {
        std::optional<name> user;  // nullopt: the entity has no user; a nullopt name: <default>
        std::optional<name> client;
    };
    const std::array<candidate, 8> order{{
        {name{user}, name{client_id}},
        {name{user}, name{}},
        {name{user}, std::nullopt},
        {name{}, name{client_id}},
        {name{}, name{}},
        {name{}, std::nullopt},
        {std::nullopt, name{client_id}},
        {std::nullopt, name{}},
    }};
    const auto& quotas = image.client_quotas();
    if (quotas.empty()) return std::nullopt;
    for (const auto& c : order) {
        client_quota_entity entity;
        if (c.user) entity[quota_entity_user] = *c.user;
        if (c.client) entity[quota_entity_client_id] = *c.client;
        auto it = quotas.find(entity);
        if (it == quotas.end()) continue;
        auto value = it->second.find(std::string(key));
        if (value == it->second.end()) continue;
        return resolved_client_quota{value->second, c.user.has_value(), c.client.has_value()};
    }
    return std::nullopt;
}

}  // namespace sluice::metadata
