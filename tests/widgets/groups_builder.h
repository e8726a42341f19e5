// Helpers that build consumer-group snapshots by hand, and a fake GroupsProvider, for the GUI tests.
#pragma once
#include <mutex>
#include <string>
#include <vector>

#include "GroupsProvider.h"

namespace testing {

inline GroupPartitionLag partitionLag(const std::string &topic, int32_t partition, int64_t committed, int64_t end,
                                      int64_t lagMs = -1)
{
    GroupPartitionLag p;
    p.topic = topic;
    p.partition = partition;
    p.committedOffset = committed;
    p.endOffset = end;
    p.lag = committed >= 0 && end >= 0 ? std::max<int64_t>(0, end - committed) : -1;
    p.lagMs = lagMs;
    return p;
}

inline GroupMemberInfo member(const std::string &id, const std::string &clientId, std::vector<AssignedTopic> assignment = {})
{
    GroupMemberInfo m;
    m.memberId = id;
    m.clientId = clientId;
    m.clientHost = "/127.0.0.1";
    m.assignment = std::move(assignment);
    return m;
}

inline GroupInfo group(const std::string &id, std::vector<GroupPartitionLag> partitions = {},
                       std::vector<GroupMemberInfo> members = {}, const std::string &state = "")
{
    GroupInfo g;
    g.groupId = id;
    g.state = state.empty() ? (members.empty() ? "Empty" : "Stable") : state;
    g.protocolType = "consumer";
    g.protocol = members.empty() ? "" : "range";
    g.partitions = std::move(partitions);
    g.members = std::move(members);
    return g;
}

inline GroupsSnapshot groupsSnapshot(std::vector<GroupInfo> groups, int64_t takenAtMs = 1'700'000'000'000)
{
    GroupsSnapshot s;
    s.groups = std::move(groups);
    s.takenAtMs = takenAtMs;
    return s;
}

// Answers from fixed data; records what it was asked. Thread-safe (the session calls it on its worker).
class FakeGroupsProvider : public GroupsProvider
{
public:
    sluice::result<GroupsSnapshot> readGroups() override
    {
        std::lock_guard lock(mutex);
        return snapshot;
    }
    sluice::result<std::vector<OffsetResetChange>> planReset(const OffsetResetRequest &request) override
    {
        std::lock_guard lock(mutex);
        planned.push_back(request);
        return plan;
    }
    sluice::result<void> applyReset(const std::string &, const std::vector<OffsetResetChange> &changes) override
    {
        std::lock_guard lock(mutex);
        applied.push_back(changes);
        return {};
    }

    std::mutex mutex;
    GroupsSnapshot snapshot;
    std::vector<OffsetResetChange> plan;
    std::vector<OffsetResetRequest> planned;
    std::vector<std::vector<OffsetResetChange>> applied;
};

}  // namespace testing
