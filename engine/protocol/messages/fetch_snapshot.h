// FetchSnapshot (key 59): a Raft follower too far behind the leader's log start downloads a snapshot of the
// metadata log in chunks (KIP-630). Flexible from v0; ClusterId (request) and CurrentLeader (response) are
// tagged fields.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

// The end offset and epoch that name a snapshot (Kafka's SnapshotId; no schema defaults, so zeros).
struct fetch_snapshot_id {
    int64_t end_offset = 0;
    int32_t epoch = 0;
    bool operator==(const fetch_snapshot_id&) const = default;
    static constexpr auto schema() {
        return std::tuple{field(&fetch_snapshot_id::end_offset, "EndOffset"), field(&fetch_snapshot_id::epoch, "Epoch")};
    }
};

struct fetch_snapshot_request {
    struct partition {
        int32_t partition_index = 0;
        int32_t current_leader_epoch = 0;
        fetch_snapshot_id snapshot_id;
        int64_t position = 0;
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::partition_index, "Partition"), field(&T::current_leader_epoch, "CurrentLeaderEpoch"),
                              field(&T::snapshot_id, "SnapshotId"), field(&T::position, "Position")};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    std::optional<std::string> cluster_id;  // tagged (tag 0)
    int32_t replica_id = -1;
    int32_t max_bytes = 0x7fffffff;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = fetch_snapshot_request;
        return std::tuple{field(&T::replica_id, "ReplicaId"), field(&T::max_bytes, "MaxBytes"),
                          field(&T::topics, "Topics"), tagged_field(&T::cluster_id, "ClusterId", 0)};
    }
};

struct fetch_snapshot_response {
    // Kafka's LeaderIdAndEpoch as FetchSnapshot declares it (no schema defaults: zeros, unlike Fetch's).
    struct leader_id_and_epoch {
        int32_t leader_id = 0;
        int32_t leader_epoch = 0;
        bool operator==(const leader_id_and_epoch&) const = default;
        static constexpr auto schema() {
            return std::tuple{field(&leader_id_and_epoch::leader_id, "LeaderId"),
                              field(&leader_id_and_epoch::leader_epoch, "LeaderEpoch")};
        }
    };
    struct partition {
        int32_t index = 0;
        int16_t error_code = 0;
        fetch_snapshot_id snapshot_id;
        leader_id_and_epoch current_leader;  // tagged (tag 0)
        int64_t size = 0;
        int64_t position = 0;
        bytes unaligned_records;  // "records", not nullable here
        static constexpr auto schema() {
            using T = partition;
            return std::tuple{field(&T::index, "Index"), field(&T::error_code, "ErrorCode"),
                              field(&T::snapshot_id, "SnapshotId"), field(&T::size, "Size"),
                              field(&T::position, "Position"), field(&T::unaligned_records, "UnalignedRecords"),
                              tagged_field(&T::current_leader, "CurrentLeader", 0)};
        }
    };
    struct topic {
        std::string name;
        std::vector<partition> partitions;
        static constexpr auto schema() {
            return std::tuple{field(&topic::name, "Name"), field(&topic::partitions, "Partitions")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    std::vector<topic> topics;
    static constexpr auto schema() {
        using T = fetch_snapshot_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::topics, "Topics")};
    }
};

struct fetch_snapshot_api {
    static constexpr api_key key = api_key::fetch_snapshot;
    using request = fetch_snapshot_request;
    using response = fetch_snapshot_response;
};

SLUICE_DECLARE_CODEC(fetch_snapshot_request);
SLUICE_DECLARE_CODEC(fetch_snapshot_response);

}  // namespace sluice::protocol
