// Client quotas through DescribeClientQuotas and AlterClientQuotas (KIP-546), as kafka-configs.sh
// --entity-type users/clients does: the quotas set for users, client ids, their combinations and defaults
// (producer_byte_rate, consumer_byte_rate, request_percentage, ...), and setting or removing them. Blocking,
// for a worker thread.
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"

namespace sluice::client {

// One part of a quota's entity: type "user", "client-id" or "ip", and a name, or none for the default
// (Kafka's <default>).
struct quota_entity_part {
    std::string type;
    std::optional<std::string> name;
    friend bool operator==(const quota_entity_part&, const quota_entity_part&) = default;
};
using quota_entity = std::vector<quota_entity_part>;

struct quota_entry {
    quota_entity entity;
    std::map<std::string, double> values;  // key → value, e.g. producer_byte_rate → 1048576
};

// What Describe selects by, per entity type: one name, the default, or any (Kafka's match types).
struct quota_match {
    enum class kind : int8_t { exact = 0, default_entity = 1, any = 2 };
    std::string type;
    kind match = kind::any;
    std::string name;  // for exact
};

// Keys to set (a value) or remove (nullopt) on one entity.
struct quota_change {
    quota_entity entity;
    std::map<std::string, std::optional<double>> keys;
};

struct quota_outcome {
    quota_entity entity;
    int16_t error = 0;  // INVALID_REQUEST for an unknown key or a negative value, with the reason
    std::string message;
    bool ok() const { return error == 0; }
};

class quota_admin {
public:
    explicit quota_admin(cluster_client& cluster) : cluster_(cluster) {}

    // `strict`: only entities with exactly the types matched (else also those with more parts).
    result<std::vector<quota_entry>> describe(std::span<const quota_match> matches, bool strict = false);
    result<std::vector<quota_outcome>> alter(std::span<const quota_change> changes, bool validate_only = false);

private:
    cluster_client& cluster_;
};

}  // namespace sluice::client
