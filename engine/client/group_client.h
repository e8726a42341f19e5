// Consumer groups seen from a client, for any cluster: list and describe groups, read committed offsets of
// many groups (OffsetFetch v8 batches where the coordinator supports it), compute lag, and reset the offsets
// of an empty group. Blocking, for a worker thread; uses the cluster_client's connections.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"

namespace sluice::client {

struct group_listing {
    std::string group_id;
    std::string protocol_type;  // "consumer" for consumer groups; empty for groups that only commit offsets
    std::string state;          // Kafka's state name; empty when the broker does not report it (ListGroups < 4)
    int32_t coordinator = -1;
};

struct assigned_partitions {
    std::string topic;
    std::vector<int32_t> partitions;
};

struct group_member_info {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    std::string client_host;
    std::vector<assigned_partitions> assignment;  // decoded for the "consumer" protocol type
};

struct group_description {
    std::string group_id;
    std::string state;  // "Dead" for a group the coordinator does not know
    std::string protocol_type;
    std::string protocol;  // the chosen assignor (range, roundrobin, cooperative-sticky, ...) when Stable
    std::vector<group_member_info> members;
    int16_t error = 0;
};

struct committed_position {
    std::string topic;
    int32_t partition = -1;
    int64_t offset = -1;
    int32_t leader_epoch = -1;
    std::string metadata;
};

struct partition_lag {
    std::string topic;
    int32_t partition = -1;
    int64_t committed = -1;       // -1: nothing committed
    int64_t log_end_offset = -1;  // ListOffsets latest (-1: unknown)
    int64_t high_watermark = -1;  // what a read_uncommitted consumer can reach; equals the log end offset here
    int64_t lag = -1;             // high_watermark - committed, -1 when either is unknown
};

struct group_lag {
    std::string group_id;
    std::vector<partition_lag> partitions;  // by topic, then partition
    std::map<std::string, int64_t> topic_lag;  // sum of known lags per topic
    int64_t total_lag = 0;
};

struct offset_reset {
    std::string topic;
    int32_t partition = -1;
    int64_t offset = 0;
};

class group_client {
public:
    explicit group_client(cluster_client& cluster) : cluster_(cluster) {}

    // Every group of every broker (ListGroups is answered per coordinator).
    result<std::vector<group_listing>> list_groups();
    result<std::vector<group_description>> describe_groups(const std::vector<std::string>& group_ids);
    // Committed offsets per group (every partition each group committed).
    result<std::map<std::string, std::vector<committed_position>>> committed_offsets(
        const std::vector<std::string>& group_ids);
    // Committed offsets against the partitions' end offsets; the snapshot supplies the end offsets (read a
    // fresh one with cluster_client::snapshot(), or pass the one the GUI already has).
    result<std::vector<group_lag>> lag(const std::vector<std::string>& group_ids, const cluster_snapshot& snapshot);
    // Commits `offsets` for a group without members (generation -1, no member id), as Kafka allows for empty
    // groups; refused with a message naming the group's state and members otherwise.
    result<void> reset_offsets(const std::string& group_id, const std::vector<offset_reset>& offsets);

private:
    // group id -> coordinator node id (FindCoordinator v4 batches when the broker supports it).
    result<std::map<std::string, int32_t>> coordinators(const std::vector<std::string>& group_ids);

    cluster_client& cluster_;
};

// Lag from committed positions and end offsets, without I/O (the GUI and tests use it directly).
group_lag compute_group_lag(const std::string& group_id, const std::vector<committed_position>& committed,
                            const cluster_snapshot& snapshot);

// The partitions in a "consumer" protocol assignment (ConsumerProtocolAssignment); empty if malformed.
std::vector<assigned_partitions> decode_consumer_assignment(std::span<const uint8_t> assignment);

}  // namespace sluice::client
