// GroupsProvider: how the app reads a cluster's consumer groups and resets their offsets (blocking; worker thread only).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "GroupsSnapshot.h"
#include "engine/common/result.h"

// Where a reset moves a group's committed offsets.
enum class OffsetResetTarget
{
    Earliest,   // log start offset
    Latest,     // log end offset
    Timestamp,  // first offset whose timestamp is >= value (ms since the epoch); the end when none
    Offset      // value itself, clamped to [log start, log end]
};

struct OffsetResetRequest
{
    std::string groupId;
    OffsetResetTarget target = OffsetResetTarget::Earliest;
    int64_t value = 0;      // the timestamp or the offset
    std::string topic;      // empty: every topic the group has committed offsets for
    int32_t partition = -1; // -1: every partition of `topic`
    bool operator==(const OffsetResetRequest &) const = default;
};

// One line of a reset plan: the dry run shows it, applying commits newOffset.
struct OffsetResetChange
{
    std::string topic;
    int32_t partition = -1;
    int64_t oldOffset = -1;  // -1: nothing committed before
    int64_t newOffset = -1;
    bool operator==(const OffsetResetChange &) const = default;
};

class GroupsProvider
{
public:
    virtual ~GroupsProvider() = default;
    // Every group with members, assignments, committed offsets and lag.
    virtual sluice::result<GroupsSnapshot> readGroups() = 0;
    // The dry run: what a reset would commit. Changes nothing on the cluster.
    virtual sluice::result<std::vector<OffsetResetChange>> planReset(const OffsetResetRequest &request) = 0;
    // Commits the plan's new offsets for the group (which must be empty: the cluster refuses otherwise).
    virtual sluice::result<void> applyReset(const std::string &groupId, const std::vector<OffsetResetChange> &plan) = 0;
};
