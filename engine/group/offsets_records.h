// The records of __consumer_offsets in Kafka's own formats, so tools that read that topic (Burrow, kafka's
// console consumer with its formatter) understand ours: each key and value is an int16 version followed by
// the struct (OffsetCommitKey v1, OffsetCommitValue v3, GroupMetadataKey v2, GroupMetadataValue v3).
// A null value (tombstone) deletes the key. Also: which partition of the topic holds a group.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/protocol/schema.h"

namespace sluice::group {

inline constexpr std::string_view offsets_topic_name = "__consumer_offsets";

struct offset_commit_key {
    std::string group;
    std::string topic;
    int32_t partition = 0;
    static constexpr auto schema() {
        using T = offset_commit_key;
        return std::tuple{protocol::field(&T::group, "group"), protocol::field(&T::topic, "topic"),
                          protocol::field(&T::partition, "partition")};
    }
};

struct offset_commit_value {
    int64_t offset = -1;
    int32_t leader_epoch = -1;  // v3+
    std::string metadata;
    int64_t commit_timestamp = -1;
    int64_t expire_timestamp = -1;  // v1 only
    static constexpr auto schema() {
        using T = offset_commit_value;
        return std::tuple{protocol::field(&T::offset, "offset"), protocol::field(&T::leader_epoch, "leaderEpoch", 3),
                          protocol::field(&T::metadata, "metadata"),
                          protocol::field(&T::commit_timestamp, "commitTimestamp"),
                          protocol::field(&T::expire_timestamp, "expireTimestamp", 1, 1)};
    }
};

struct group_metadata_key {
    std::string group;
    static constexpr auto schema() { return std::tuple{protocol::field(&group_metadata_key::group, "group")}; }
};

struct group_metadata_value {
    struct member {
        std::string member_id;
        std::optional<std::string> group_instance_id;  // v3+
        std::string client_id;
        std::string client_host;
        int32_t rebalance_timeout = 0;  // v1+
        int32_t session_timeout = 0;
        protocol::bytes subscription;
        protocol::bytes assignment;
        static constexpr auto schema() {
            using T = member;
            return std::tuple{protocol::field(&T::member_id, "memberId"),
                              protocol::field(&T::group_instance_id, "groupInstanceId", 3),
                              protocol::field(&T::client_id, "clientId"), protocol::field(&T::client_host, "clientHost"),
                              protocol::field(&T::rebalance_timeout, "rebalanceTimeout", 1),
                              protocol::field(&T::session_timeout, "sessionTimeout"),
                              protocol::field(&T::subscription, "subscription"),
                              protocol::field(&T::assignment, "assignment")};
        }
    };
    std::string protocol_type;
    int32_t generation = 0;
    std::optional<std::string> protocol;
    std::optional<std::string> leader;
    int64_t current_state_timestamp = -1;  // v2+
    std::vector<member> members;
    static constexpr auto schema() {
        using T = group_metadata_value;
        return std::tuple{protocol::field(&T::protocol_type, "protocolType"),
                          protocol::field(&T::generation, "generation"), protocol::field(&T::protocol, "protocol"),
                          protocol::field(&T::leader, "leader"),
                          protocol::field(&T::current_state_timestamp, "currentStateTimestamp", 2),
                          protocol::field(&T::members, "members")};
    }
};

// The versions we write (Kafka 2.3+ writes the same).
inline constexpr int16_t offset_commit_key_version = 1;
inline constexpr int16_t offset_commit_value_version = 3;
inline constexpr int16_t group_metadata_key_version = 2;
inline constexpr int16_t group_metadata_value_version = 3;

protocol::bytes encode_key(const offset_commit_key& key);
protocol::bytes encode_value(const offset_commit_value& value);
protocol::bytes encode_key(const group_metadata_key& key);
protocol::bytes encode_value(const group_metadata_value& value);

// A decoded key: which kind of record it is. nullopt for keys we do not understand (skipped on replay).
using offsets_key = std::variant<offset_commit_key, group_metadata_key>;
std::optional<offsets_key> decode_key(std::span<const uint8_t> key);
std::optional<offset_commit_value> decode_offset_value(std::span<const uint8_t> value);
std::optional<group_metadata_value> decode_group_value(std::span<const uint8_t> value);

// Java's String.hashCode over the UTF-16 code units of a UTF-8 string.
int32_t java_string_hash(std::string_view utf8);
// Kafka's partitionFor: Utils.abs(groupId.hashCode) % partitions.
int32_t offsets_partition_for(std::string_view group_id, int32_t partitions);

}  // namespace sluice::group
