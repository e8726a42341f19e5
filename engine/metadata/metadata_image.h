// metadata_image: the cluster's metadata as of the last applied record — brokers, topics with ids and
// partitions (replicas, leader, epochs, ISR), per-topic config overrides and dynamic broker configs. Built
// only by applying metadata_records in log order, so every node that replays the same log sees the same image.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/metadata/client_quota_entity.h"
#include "engine/metadata/metadata_records.h"
#include "engine/security/acl_binding.h"

namespace sluice::metadata {

struct partition_state {
    std::vector<int32_t> replicas;
    std::vector<int32_t> isr;
    int32_t leader = -1;
    int32_t leader_epoch = 0;
    int32_t partition_epoch = 0;
    // A reassignment in progress (KIP-455): replicas is target + removing; adding are not yet in the ISR.
    std::vector<int32_t> adding_replicas;
    std::vector<int32_t> removing_replicas;
    bool reassigning() const { return !adding_replicas.empty() || !removing_replicas.empty(); }
    friend bool operator==(const partition_state&, const partition_state&) = default;
};

struct topic_state {
    std::string name;
    uuid id;
    std::map<int32_t, partition_state> partitions;
    std::map<std::string, std::string> configs;  // overrides only (source TOPIC_CONFIG)
    friend bool operator==(const topic_state&, const topic_state&) = default;
};

struct broker_registration {
    int32_t id = 0;
    std::string host;
    int32_t port = 0;
    std::optional<std::string> rack;
    bool fenced = false;  // missed its heartbeats; Metadata leaves it out
    std::vector<broker_endpoint> endpoints;  // client listeners; empty when registered by a version 0 record
    friend bool operator==(const broker_registration&, const broker_registration&) = default;
};

// One user's SCRAM credential for one mechanism, as user_scram_credential_record carries it.
struct scram_credential_state {
    protocol::bytes salt;
    protocol::bytes stored_key;
    protocol::bytes server_key;
    int32_t iterations = 0;
    friend bool operator==(const scram_credential_state&, const scram_credential_state&) = default;
};

class metadata_image {
public:
    // Applies one record. Records that refer to unknown topics are ignored (they cannot occur in a log the
    // controller wrote, which validates before appending).
    void apply(const metadata_record& record);

    const topic_state* find_topic(const std::string& name) const;
    const topic_state* find_topic(const uuid& id) const;
    const std::map<std::string, topic_state>& topics() const { return topics_; }
    const std::map<int32_t, broker_registration>& brokers() const { return brokers_; }
    // Dynamic broker configs by resource name: the broker id as text, or "" for the cluster-wide default.
    const std::map<std::string, std::map<std::string, std::string>>& broker_configs() const { return broker_configs_; }
    // One dynamic broker config, per-broker first, then the cluster default; nullopt if neither is set.
    std::optional<std::string> dynamic_broker_config(int32_t broker_id, const std::string& name) const;

    // SCRAM users: name → mechanism id (1 SCRAM-SHA-256, 2 SCRAM-SHA-512) → credential.
    const std::map<std::string, std::map<int8_t, scram_credential_state>>& scram_users() const { return scram_users_; }
    const scram_credential_state* find_scram_credential(const std::string& user, int8_t mechanism) const;

    // ACL bindings by their record id (access_control_entry_record), in id order.
    const std::map<std::array<uint8_t, 16>, security::acl_binding>& acls() const { return acls_; }

    // Client quotas (ClientQuotaRecord): entity → quota key → value; an entity without quotas is absent.
    const std::map<client_quota_entity, std::map<std::string, double>>& client_quotas() const { return client_quotas_; }

    // The first producer id no broker has been given yet (producer_ids_record); ids below it are taken.
    int64_t next_producer_id() const { return next_producer_id_; }

    // How many records have been applied (the image's version, for listeners and tests).
    int64_t applied() const { return applied_; }

    // The same cluster state (how it was reached, e.g. by a snapshot or the whole log, does not matter).
    bool same_state(const metadata_image& other) const {
        return topics_ == other.topics_ && names_by_id_ == other.names_by_id_ && brokers_ == other.brokers_ &&
               broker_configs_ == other.broker_configs_ && scram_users_ == other.scram_users_ &&
               next_producer_id_ == other.next_producer_id_ && acls_ == other.acls_ &&
               client_quotas_ == other.client_quotas_;
    }

private:
    std::map<std::string, topic_state> topics_;
    std::map<std::array<uint8_t, 16>, std::string> names_by_id_;
    std::map<int32_t, broker_registration> brokers_;
    std::map<std::string, std::map<std::string, std::string>> broker_configs_;
    std::map<std::string, std::map<int8_t, scram_credential_state>> scram_users_;
    std::map<std::array<uint8_t, 16>, security::acl_binding> acls_;
    std::map<client_quota_entity, std::map<std::string, double>> client_quotas_;
    int64_t next_producer_id_ = 0;
    int64_t applied_ = 0;
};

}  // namespace sluice::metadata
