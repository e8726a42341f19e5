// A client quota entity as Kafka names one: entity type ("user", "client-id", "ip") → name, nullopt for the
// type's default (<default> in Kafka's tools). Ordered, so it keys the image's quota map and compares whole.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace sluice::metadata {

using client_quota_entity = std::map<std::string, std::optional<std::string>>;

inline constexpr const char* quota_entity_user = "user";
inline constexpr const char* quota_entity_client_id = "client-id";
inline constexpr const char* quota_entity_ip = "ip";

}  // namespace sluice::metadata
