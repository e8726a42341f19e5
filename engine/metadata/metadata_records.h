// The typed change records of the cluster metadata log (KRaft-style): each is a schema struct encoded with
// the protocol codec and framed by its record type id and version. Replaying them in order rebuilds the
// metadata_image on every node; a later issue replicates the same records with Raft.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/schema.h"

namespace sluice::metadata {

using protocol::field;
using protocol::uuid;

// A broker joined (or re-registered with new endpoints).
// One listener a broker serves clients on, as it advertises it (Kafka's RegisterBrokerRecord EndPoints):
// a client is sent to the other brokers' endpoint of the listener its own request came in on.
struct broker_endpoint {
    std::string name;  // the listener name, e.g. SASL_SSL or EXTERNAL
    std::string host;
    int32_t port = 0;
    int16_t security_protocol = 0;  // Kafka's ids: PLAINTEXT 0, SSL 1, SASL_PLAINTEXT 2, SASL_SSL 3
    static constexpr auto schema() {
        using T = broker_endpoint;
        return std::tuple{field(&T::name, "Name"), field(&T::host, "Host"), field(&T::port, "Port"),
                          field(&T::security_protocol, "SecurityProtocol")};
    }
    friend bool operator==(const broker_endpoint&, const broker_endpoint&) = default;
};

// host and port are where the other nodes reach this broker (its inter-broker listener); endpoints are every
// client listener (record version 1; a version 0 record has none, and its host:port serves every client).
struct register_broker_record {
    static constexpr int16_t type_id = 0;
    static constexpr int16_t version = 1;
    int32_t broker_id = 0;
    std::string host;
    int32_t port = 0;
    std::optional<std::string> rack;
    std::vector<broker_endpoint> endpoints;
    static constexpr auto schema() {
        using T = register_broker_record;
        return std::tuple{field(&T::broker_id, "BrokerId"), field(&T::host, "Host"), field(&T::port, "Port"),
                          field(&T::rack, "Rack"), field(&T::endpoints, "EndPoints", 1)};
    }
};

// A topic exists with this name and id; its partitions follow as partition_records.
struct topic_record {
    static constexpr int16_t type_id = 2;
    std::string name;
    uuid topic_id;
    static constexpr auto schema() {
        return std::tuple{field(&topic_record::name, "Name"), field(&topic_record::topic_id, "TopicId")};
    }
};

// A partition's full state: replicas, ISR, leader and epochs, and the replicas a reassignment in progress
// adds and removes (KIP-455, as Kafka's PartitionRecord; record version 1, absent from version 0 records).
struct partition_record {
    static constexpr int16_t type_id = 3;
    static constexpr int16_t version = 1;
    int32_t partition_id = 0;
    uuid topic_id;
    std::vector<int32_t> replicas;
    std::vector<int32_t> isr;
    int32_t leader = -1;
    int32_t leader_epoch = 0;
    int32_t partition_epoch = 0;
    std::vector<int32_t> adding_replicas;
    std::vector<int32_t> removing_replicas;
    static constexpr auto schema() {
        using T = partition_record;
        return std::tuple{field(&T::partition_id, "PartitionId"),
                          field(&T::topic_id, "TopicId"),
                          field(&T::replicas, "Replicas"),
                          field(&T::isr, "Isr"),
                          field(&T::leader, "Leader"),
                          field(&T::leader_epoch, "LeaderEpoch"),
                          field(&T::partition_epoch, "PartitionEpoch"),
                          field(&T::adding_replicas, "AddingReplicas", 1),
                          field(&T::removing_replicas, "RemovingReplicas", 1)};
    }
};

// A config override set (value) or removed (null value). resource_type is Kafka's (2 topic, 4 broker);
// resource_name is the topic, the broker id, or "" for the cluster-wide broker default.
struct config_record {
    static constexpr int16_t type_id = 4;
    int8_t resource_type = 0;
    std::string resource_name;
    std::string name;
    std::optional<std::string> value;
    static constexpr auto schema() {
        using T = config_record;
        return std::tuple{field(&T::resource_type, "ResourceType"), field(&T::resource_name, "ResourceName"),
                          field(&T::name, "Name"), field(&T::value, "Value")};
    }
};

// A change to a partition's leader, ISR, replicas or reassignment (leader no_leader_change / null lists:
// unchanged). Bumps the partition epoch; a new leader also bumps the leader epoch. Adding/RemovingReplicas
// are record version 1 (Kafka's PartitionChangeRecord has them as tagged fields).
struct partition_change_record {
    static constexpr int16_t type_id = 5;
    static constexpr int16_t version = 1;
    static constexpr int32_t no_leader_change = -2;
    int32_t partition_id = 0;
    uuid topic_id;
    int32_t leader = no_leader_change;
    std::optional<std::vector<int32_t>> isr;
    std::optional<std::vector<int32_t>> replicas;
    std::optional<std::vector<int32_t>> adding_replicas;
    std::optional<std::vector<int32_t>> removing_replicas;
    static constexpr auto schema() {
        using T = partition_change_record;
        return std::tuple{field(&T::partition_id, "PartitionId"),
                          field(&T::topic_id, "TopicId"),
                          field(&T::leader, "Leader"),
                          field(&T::isr, "Isr"),
                          field(&T::replicas, "Replicas"),
                          field(&T::adding_replicas, "AddingReplicas", 1),
                          field(&T::removing_replicas, "RemovingReplicas", 1)};
    }
};

// A broker missed its heartbeats for broker.session.timeout.ms: clients are no longer sent to it.
struct fence_broker_record {
    static constexpr int16_t type_id = 7;
    int32_t broker_id = 0;
    static constexpr auto schema() { return std::tuple{field(&fence_broker_record::broker_id, "Id")}; }
};

// A fenced broker heartbeats again.
struct unfence_broker_record {
    static constexpr int16_t type_id = 8;
    int32_t broker_id = 0;
    static constexpr auto schema() { return std::tuple{field(&unfence_broker_record::broker_id, "Id")}; }
};

// A topic and its partitions and overrides are gone.
struct remove_topic_record {
    static constexpr int16_t type_id = 9;
    uuid topic_id;
    static constexpr auto schema() { return std::tuple{field(&remove_topic_record::topic_id, "TopicId")}; }
};

// A user's SCRAM credential for one mechanism (Kafka's ids: 1 SCRAM-SHA-256, 2 SCRAM-SHA-512), added or
// replaced: the salt, iterations and the keys derived from the salted password (RFC 5802's StoredKey and
// ServerKey), never the password. The type id is Kafka's UserScramCredentialRecord's; the fields are its
// Kafka 3.x form.
struct user_scram_credential_record {
    static constexpr int16_t type_id = 11;
    std::string name;
    int8_t mechanism = 0;
    protocol::bytes salt;
    protocol::bytes stored_key;
    protocol::bytes server_key;
    int32_t iterations = 0;
    static constexpr auto schema() {
        using T = user_scram_credential_record;
        return std::tuple{field(&T::name, "Name"),
                          field(&T::mechanism, "Mechanism"),
                          field(&T::salt, "Salt"),
                          field(&T::stored_key, "StoredKey"),
                          field(&T::server_key, "ServerKey"),
                          field(&T::iterations, "Iterations")};
    }
};

// A user's SCRAM credential for one mechanism is gone (Kafka's RemoveUserScramCredentialRecord).
struct remove_user_scram_credential_record {
    static constexpr int16_t type_id = 22;
    std::string name;
    int8_t mechanism = 0;
    static constexpr auto schema() {
        using T = remove_user_scram_credential_record;
        return std::tuple{field(&T::name, "Name"), field(&T::mechanism, "Mechanism")};
    }
};

// A client quota set or removed (Kafka's ClientQuotaRecord): the entity is a set of (type, name) pairs,
// types "user", "client-id" or "ip", a null name meaning that type's default; the key is a quota such as
// producer_byte_rate. Kafka's record is flexible from v0; ours uses the log's one frame, like every record here.
struct client_quota_record {
    static constexpr int16_t type_id = 14;
    struct entity_data {
        std::string entity_type;
        std::optional<std::string> entity_name;
        static constexpr auto schema() {
            return std::tuple{field(&entity_data::entity_type, "EntityType"),
                              field(&entity_data::entity_name, "EntityName")};
        }
    };
    std::vector<entity_data> entity;
    std::string key;
    double value = 0;
    bool remove = false;
    static constexpr auto schema() {
        using T = client_quota_record;
        return std::tuple{field(&T::entity, "Entity"), field(&T::key, "Key"), field(&T::value, "Value"),
                          field(&T::remove, "Remove")};
    }
};

// A block of producer ids went to a broker (Kafka's ProducerIdsRecord): every id below NextProducerId is
// taken, so no node ever hands one out again, across controller changes and restarts.
struct producer_ids_record {
    static constexpr int16_t type_id = 15;
    int32_t broker_id = 0;
    int64_t broker_epoch = 0;
    int64_t next_producer_id = 0;
    static constexpr auto schema() {
        using T = producer_ids_record;
        return std::tuple{field(&T::broker_id, "BrokerId"), field(&T::broker_epoch, "BrokerEpoch"),
                          field(&T::next_producer_id, "NextProducerId")};
    }
};

// An ACL binding exists (Kafka's AccessControlEntryRecord): the id names it for its removal; the enums are
// Kafka's wire codes (security/acl_resource.h, acl_operation.h, acl_binding.h).
struct access_control_entry_record {
    static constexpr int16_t type_id = 23;
    uuid id;
    int8_t resource_type = 0;
    std::string resource_name;
    int8_t pattern_type = 0;
    std::string principal;
    std::string host;
    int8_t operation = 0;
    int8_t permission_type = 0;
    static constexpr auto schema() {
        using T = access_control_entry_record;
        return std::tuple{field(&T::id, "Id"),
                          field(&T::resource_type, "ResourceType"),
                          field(&T::resource_name, "ResourceName"),
                          field(&T::pattern_type, "PatternType"),
                          field(&T::principal, "Principal"),
                          field(&T::host, "Host"),
                          field(&T::operation, "Operation"),
                          field(&T::permission_type, "PermissionType")};
    }
};

// The ACL binding with this id is gone (Kafka's RemoveAccessControlEntryRecord).
struct remove_access_control_entry_record {
    static constexpr int16_t type_id = 24;
    uuid id;
    static constexpr auto schema() { return std::tuple{field(&remove_access_control_entry_record::id, "Id")}; }
};

using metadata_record =
    std::variant<register_broker_record, topic_record, partition_record, config_record, partition_change_record,
                 remove_topic_record, fence_broker_record, unfence_broker_record, user_scram_credential_record,
                 remove_user_scram_credential_record, producer_ids_record, access_control_entry_record,
                 remove_access_control_entry_record, client_quota_record>;

// Frame: int16 type id, int16 record version, then the body in the codec's non-flexible encoding at that
// version. A record type's `version` (0 when it has none) is what this build writes; it reads every version
// up to it, so logs written before a field was added stay readable.
std::vector<uint8_t> encode_record(const metadata_record& record);
result<metadata_record> decode_record(std::span<const uint8_t> bytes);

// A fresh random topic id (version 4 UUID, never all zeros).
uuid random_uuid();
// Kafka's text form of a uuid: URL-safe base64 without padding (22 characters).
std::string uuid_to_string(const uuid& id);

}  // namespace sluice::metadata

namespace sluice::protocol {
SLUICE_DECLARE_CODEC(metadata::register_broker_record);
SLUICE_DECLARE_CODEC(metadata::topic_record);
SLUICE_DECLARE_CODEC(metadata::partition_record);
SLUICE_DECLARE_CODEC(metadata::config_record);
SLUICE_DECLARE_CODEC(metadata::partition_change_record);
SLUICE_DECLARE_CODEC(metadata::remove_topic_record);
SLUICE_DECLARE_CODEC(metadata::fence_broker_record);
SLUICE_DECLARE_CODEC(metadata::unfence_broker_record);
SLUICE_DECLARE_CODEC(metadata::user_scram_credential_record);
SLUICE_DECLARE_CODEC(metadata::remove_user_scram_credential_record);
SLUICE_DECLARE_CODEC(metadata::producer_ids_record);
SLUICE_DECLARE_CODEC(metadata::access_control_entry_record);
SLUICE_DECLARE_CODEC(metadata::remove_access_control_entry_record);
SLUICE_DECLARE_CODEC(metadata::client_quota_record);
}  // namespace sluice::protocol
