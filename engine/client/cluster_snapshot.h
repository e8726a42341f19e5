// cluster_snapshot: an immutable picture of one cluster (brokers, topics, partitions, offsets) as the client read it.
// Plain data only (no Qt, no I/O), so the GUI can share it across threads and tests can build one by hand.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::client {

struct broker_info {
    int32_t node_id = -1;
    std::string host;
    int32_t port = 0;
    std::optional<std::string> rack;
    int64_t log_dir_bytes = -1;  // its partitions' bytes on disk (DescribeLogDirs, all log dirs); -1: not reported
};

struct partition_info {
    int32_t partition = -1;
    int32_t leader = -1;  // -1: no leader
    std::vector<int32_t> replicas, isr;
    // -1: unknown. start_offset is the log start offset and end_offset the high watermark (ListOffsets earliest and
    // latest, which is what consumers see); log_end_offset is the leader's LEO (high watermark + the leader's
    // DescribeLogDirs offset lag), which runs ahead of the high watermark while followers catch up.
    int64_t start_offset = -1, end_offset = -1;
    int64_t log_end_offset = -1;
    int64_t size_bytes = -1;  // the leader's replica on disk (DescribeLogDirs); -1: unknown
    int16_t error = 0;        // Kafka error code for this partition
};

struct topic_info {
    std::string name;
    bool internal = false;
    std::vector<partition_info> partitions;
    int16_t error = 0;  // Kafka error code for this topic
};

// One member of the metadata quorum as DescribeQuorum reports it.
struct quorum_replica {
    int32_t replica_id = -1;
    int64_t log_end_offset = -1;
    int64_t last_caught_up_ms = -1;  // -1: not reported (DescribeQuorum v0)
};

// The KRaft metadata quorum (__cluster_metadata-0): its leader, epoch, high watermark, voters and observers.
struct quorum_info {
    int32_t leader_id = -1;
    int32_t leader_epoch = -1;
    int64_t high_watermark = -1;
    std::vector<quorum_replica> voters, observers;
};

struct cluster_snapshot {
    std::string cluster_id;
    int32_t controller_id = -1;
    std::vector<broker_info> brokers;
    std::vector<topic_info> topics;
    std::optional<quorum_info> quorum;  // empty when the cluster does not serve DescribeQuorum (or refused it)
    int64_t taken_at_ms = 0;            // wall clock, ms since the Unix epoch
};

}  // namespace sluice::client
