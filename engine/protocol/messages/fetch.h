// Fetch (key 1): whole record batches from a partition, long-polling for min_bytes up to max_wait_ms.
// Followers fetch with their replica id (replication, like Kafka). v12 is flexible and adds what KRaft
// followers need (LastFetchedEpoch; DivergingEpoch, CurrentLeader and SnapshotId in the response, KIP-595);
// v13 names topics by id (KIP-516). v14 is v13 on the wire; v15's ReplicaState is not described here.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct fetch_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t current_leader_epoch = -1;
        int64_t fetch_offset = 0;
        int64_t log_start_offset = -1;
        int32_t partition_max_bytes = 0;
        int32_t last_fetched_epoch = -1;  // v12+
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "Partition"),
                              field(&T::current_leader_epoch, "CurrentLeaderEpoch", 9),
                              field(&T::fetch_offset, "FetchOffset"), field(&T::last_fetched_epoch, "LastFetchedEpoch", 12),
                              field(&T::log_start_offset, "LogStartOffset", 5),
                              field(&T::partition_max_bytes, "PartitionMaxBytes")};
        }
    };
    struct topic {
        std::string name;  // v0-12
        std::vector<partition> partitions;
        uuid topic_id;  // v13+
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Topic", 0, 12), field(&topic::topic_id, "TopicId", 13),
                              field(&topic::partitions, "Partitions")};
        }
    };
    struct forgotten_topic {
        std::string name;  // v7-12
        std::vector<int32_t> partitions;
        uuid topic_id;  // v13+
        static constexpr auto schema() {
            return std::tuple{field(&forgotten_topic::name, "Topic", 7, 12),
                              field(&forgotten_topic::topic_id, "TopicId", 13),
                              field(&forgotten_topic::partitions, "Partitions", 7)};
        }
    };
    int32_t replica_id = -1;
    int32_t max_wait_ms = 0;
    int32_t min_bytes = 0;
    int32_t max_bytes = 0x7fffffff;
    int8_t isolation_level = 0;
    int32_t session_id = 0;
    int32_t session_epoch = -1;
    std::vector<topic> topics;
    std::vector<forgotten_topic> forgotten_topics;
    std::string rack_id;
    std::optional<std::string> cluster_id;  // tagged (tag 0), v12+
    static constexpr auto schema() {
        using T = fetch_request;
        return std::tuple{field(&T::replica_id, "ReplicaId", 0, 14), field(&T::max_wait_ms, "MaxWaitMs"),
                          field(&T::min_bytes, "MinBytes"), field(&T::max_bytes, "MaxBytes", 3),
                          field(&T::isolation_level, "IsolationLevel", 4), field(&T::session_id, "SessionId", 7),
                          field(&T::session_epoch, "SessionEpoch", 7), field(&T::topics, "Topics"),
                          field(&T::forgotten_topics, "ForgottenTopicsData", 7), field(&T::rack_id, "RackId", 11),
                          tagged_field(&T::cluster_id, "ClusterId", 0, 12)};
    }
};

struct fetch_response {
    struct aborted_transaction {
        int64_t producer_id = 0;
        int64_t first_offset = 0;
        static constexpr auto schema() {
            return std::tuple{field(&aborted_transaction::producer_id, "ProducerId", 4),
                              field(&aborted_transaction::first_offset, "FirstOffset", 4)};
        }
    };
    // Tagged fields of a v12+ partition; each is written only when it differs from its default.
    struct epoch_end_offset {
        int32_t epoch = -1;
        int64_t end_offset = -1;
        bool operator==(const epoch_end_offset&) const = default;
        static constexpr auto schema() {
            return std::tuple{field(&epoch_end_offset::epoch, "Epoch"), field(&epoch_end_offset::end_offset, "EndOffset")};
        }
    };
    struct leader_id_and_epoch {
        int32_t leader_id = -1;
        int32_t leader_epoch = -1;
        bool operator==(const leader_id_and_epoch&) const = default;
        static constexpr auto schema() {
            return std::tuple{field(&leader_id_and_epoch::leader_id, "LeaderId"),
                              field(&leader_id_and_epoch::leader_epoch, "LeaderEpoch")};
        }
    };
    struct snapshot_id {
        int64_t end_offset = -1;
        int32_t epoch = -1;
        bool operator==(const snapshot_id&) const = default;
        static constexpr auto schema() {
            return std::tuple{field(&snapshot_id::end_offset, "EndOffset"), field(&snapshot_id::epoch, "Epoch")};
        }
    };
    struct partition {
        int32_t partition_index = 0;
        int16_t error_code = 0;
        int64_t high_watermark = -1;
        int64_t last_stable_offset = -1;
        int64_t log_start_offset = -1;
        std::optional<std::vector<aborted_transaction>> aborted_transactions;
        int32_t preferred_read_replica = -1;
        std::optional<bytes> records;
        epoch_end_offset diverging_epoch;     // tagged (tag 0), v12+
        leader_id_and_epoch current_leader;   // tagged (tag 1), v12+
        snapshot_id snapshot;                 // tagged (tag 2), v12+
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "PartitionIndex"), field(&T::error_code, "ErrorCode"),
                              field(&T::high_watermark, "HighWatermark"),
                              field(&T::last_stable_offset, "LastStableOffset", 4),
                              field(&T::log_start_offset, "LogStartOffset", 5),
                              field(&T::aborted_transactions, "AbortedTransactions", 4),
                              field(&T::preferred_read_replica, "PreferredReadReplica", 11),
                              field(&T::records, "Records"), tagged_field(&T::diverging_epoch, "DivergingEpoch", 0, 12),
                              tagged_field(&T::current_leader, "CurrentLeader", 1, 12),
                              tagged_field(&T::snapshot, "SnapshotId", 2, 12)};
        }
    };
    struct topic {
        std::string name;  // v0-12
        std::vector<partition> partitions;
        uuid topic_id;  // v13+
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Topic", 0, 12), field(&topic::topic_id, "TopicId", 13),
                              field(&topic::partitions, "Partitions")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    int32_t session_id = 0;
    std::vector<topic> responses;
    static constexpr auto schema() {
        using T = fetch_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::error_code, "ErrorCode", 7),
                          field(&T::session_id, "SessionId", 7), field(&T::responses, "Responses")};
    }
};

struct fetch_api {
    static constexpr api_key key = api_key::fetch;
    using request = fetch_request;
    using response = fetch_response;
};

SLUICE_DECLARE_CODEC(fetch_request);
SLUICE_DECLARE_CODEC(fetch_response);

}  // namespace sluice::protocol
