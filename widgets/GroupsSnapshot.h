// GroupsSnapshot: an immutable picture of a cluster's consumer groups (members, assignments, committed offsets, lag).
// Plain data only (no Qt, no I/O): providers fill it off the GUI thread, models render it, tests build it by hand.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// Partitions of one topic, as a consumer-protocol assignment lists them.
struct AssignedTopic
{
    std::string topic;
    std::vector<int32_t> partitions;
    bool operator==(const AssignedTopic &) const = default;
};

struct GroupMemberInfo
{
    std::string memberId;
    std::string groupInstanceId;  // static membership; empty when none
    std::string clientId;
    std::string clientHost;
    std::vector<AssignedTopic> assignment;  // decoded from the member's assignment bytes (consumer protocol)
    bool assignmentDecoded = true;          // false: the bytes are not a consumer-protocol assignment
    bool operator==(const GroupMemberInfo &) const = default;
};

// One partition the group has committed an offset for (or is assigned).
struct GroupPartitionLag
{
    std::string topic;
    int32_t partition = -1;
    int64_t committedOffset = -1;  // -1: nothing committed
    int64_t endOffset = -1;        // log end offset (high watermark); -1: unknown
    int64_t lag = -1;              // endOffset - committedOffset, never negative; -1: unknown
    int64_t lagMs = -1;            // now - timestamp of the record at the committed offset (0: caught up); -1: unknown
    bool operator==(const GroupPartitionLag &) const = default;
};

struct GroupInfo
{
    std::string groupId;
    std::string state;         // Stable, Empty, PreparingRebalance, CompletingRebalance, Dead
    std::string protocolType;  // "consumer", "connect", … ; empty for offset-only groups
    std::string protocol;      // the chosen assignor, e.g. "range"
    std::vector<GroupMemberInfo> members;
    std::vector<GroupPartitionLag> partitions;  // sorted by (topic, partition)
    int16_t errorCode = 0;                      // Kafka error code when describing the group failed
    bool operator==(const GroupInfo &) const = default;

    // Sum of the known partition lags; -1 when no partition's lag is known.
    int64_t totalLag() const
    {
        int64_t total = -1;
        for (const auto &p : partitions)
            if (p.lag >= 0)
                total = (total < 0 ? 0 : total) + p.lag;
        return total;
    }
    // The largest known lag in time over the partitions; -1 when none is known.
    int64_t maxLagMs() const
    {
        int64_t worst = -1;
        for (const auto &p : partitions)
            worst = p.lagMs > worst ? p.lagMs : worst;
        return worst;
    }
};

struct GroupsSnapshot
{
    std::vector<GroupInfo> groups;  // sorted by groupId
    int64_t takenAtMs = 0;          // wall clock, ms since the Unix epoch

    const GroupInfo *find(const std::string &groupId) const
    {
        for (const auto &g : groups)
            if (g.groupId == groupId)
                return &g;
        return nullptr;
    }
};

using GroupsSnapshotPtr = std::shared_ptr<const GroupsSnapshot>;
