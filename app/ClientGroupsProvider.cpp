#include "ClientGroupsProvider.h"

#include <algorithm>

#include "engine/client/cluster_client.h"
#include "engine/client/group_client.h"
#include "engine/client/record_timestamps.h"
#include "engine/common/clock.h"

using sluice::make_error;
using sluice::result;
using sluice::protocol::error_code;
namespace proto = sluice::protocol;

namespace {

using PartitionKey = std::pair<std::string, int32_t>;

const sluice::client::partition_info *findPartition(const sluice::client::cluster_snapshot &cluster,
                                                    const std::string &topic, int32_t partition)
{
    for (const auto &t : cluster.topics)
        if (t.name == topic)
            for (const auto &p : t.partitions)
                if (p.partition == partition)
                    return &p;
    return nullptr;
}

}  // namespace

ClientGroupsProvider::ClientGroupsProvider(sluice::client::cluster_endpoint endpoint, std::chrono::milliseconds timeout)
    : m_endpoint(std::move(endpoint))
    , m_timeout(timeout)
{
}

ClientGroupsProvider::~ClientGroupsProvider() = default;

sluice::client::cluster_client &ClientGroupsProvider::client()
{
    if (!m_client)
        m_client = std::make_unique<sluice::client::cluster_client>(m_endpoint.bootstrap, m_timeout,
                                                                    m_endpoint.security);
    return *m_client;
}

void ClientGroupsProvider::dropClient()
{
    m_client.reset();  // reconnect from the bootstrap address next time
}

result<GroupsSnapshot> ClientGroupsProvider::readGroups()
{
    auto cluster = client().snapshot();
    if (!cluster) {
        dropClient();
        return cluster.err();
    }
    sluice::client::group_client groups(client());
    auto listed = groups.list_groups();
    if (!listed) {
        dropClient();
        return listed.err();
    }
    GroupsSnapshot snapshot;
    snapshot.takenAtMs = cluster->taken_at_ms;
    std::vector<std::string> ids;
    std::map<std::string, GroupInfo> byId;
    for (const auto &g : listed.value()) {
        ids.push_back(g.group_id);
        GroupInfo &info = byId[g.group_id];
        info.groupId = g.group_id;
        info.protocolType = g.protocol_type;
        info.state = g.state;
    }
    if (ids.empty())
        return snapshot;

    if (auto described = groups.describe_groups(ids)) {
        for (const auto &d : described.value()) {
            auto it = byId.find(d.group_id);
            if (it == byId.end())
                continue;
            GroupInfo &info = it->second;
            info.errorCode = d.error;
            if (d.error != 0)
                continue;
            info.state = d.state;
            info.protocolType = d.protocol_type;
            info.protocol = d.protocol;
            for (const auto &m : d.members) {
                GroupMemberInfo member;
                member.memberId = m.member_id;
                member.groupInstanceId = m.group_instance_id.value_or("");
                member.clientId = m.client_id;
                member.clientHost = m.client_host;
                member.assignmentDecoded = d.protocol_type == "consumer";
                for (const auto &a : m.assignment)
                    member.assignment.push_back({a.topic, a.partitions});
                info.members.push_back(std::move(member));
            }
        }
    }
    // Committed offsets of every group (batched OffsetFetch) against the end offsets of the snapshot.
    if (auto lags = groups.lag(ids, cluster.value())) {
        for (const auto &l : lags.value()) {
            auto it = byId.find(l.group_id);
            if (it == byId.end())
                continue;
            for (const auto &p : l.partitions) {
                GroupPartitionLag lag;
                lag.topic = p.topic;
                lag.partition = p.partition;
                lag.committedOffset = p.committed;
                lag.endOffset = p.high_watermark >= 0 ? p.high_watermark : p.log_end_offset;
                lag.lag = p.lag < 0 ? -1 : std::max<int64_t>(0, p.lag);
                lag.lagMs = lag.lag == 0 ? 0 : -1;
                it->second.partitions.push_back(std::move(lag));
            }
            std::sort(it->second.partitions.begin(), it->second.partitions.end(), [](const auto &a, const auto &b) {
                return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
            });
        }
    }
    for (auto &[id, info] : byId)
        snapshot.groups.push_back(std::move(info));
    readLagTimes(cluster.value(), snapshot.groups);
    return snapshot;
}

void ClientGroupsProvider::readLagTimes(const sluice::client::cluster_snapshot &cluster, std::vector<GroupInfo> &groups)
{
    // Lag in time is how long the first record a group has not consumed has been waiting: now minus the timestamp
    // of the record at its committed offset (Kafka's consumer-lag-in-time). Caught up partitions already say 0.
    std::vector<sluice::client::record_position> positions;
    std::vector<GroupPartitionLag *> lagging;
    for (GroupInfo &g : groups)
        for (GroupPartitionLag &p : g.partitions)
            if (p.lag > 0 && p.committedOffset >= 0 && lagging.size() < DefaultLagTimePartitionLimit) {
                positions.push_back({p.topic, p.partition, p.committedOffset});
                lagging.push_back(&p);
            }
    if (positions.empty())
        return;
    const auto timestamps = sluice::client::read_record_timestamps(client(), cluster, positions);
    const int64_t now = sluice::wall_clock_ms();
    for (std::size_t i = 0; i < lagging.size(); ++i)
        if (timestamps[i] && *timestamps[i] >= 0)
            lagging[i]->lagMs = std::max<int64_t>(0, now - *timestamps[i]);
}

result<std::vector<OffsetResetChange>> ClientGroupsProvider::planReset(const OffsetResetRequest &request)
{
    auto cluster = client().snapshot();
    if (!cluster) {
        dropClient();
        return cluster.err();
    }
    sluice::client::group_client groups(client());
    // Refuse while the group has members, as Kafka's own tool does.
    auto described = groups.describe_groups({request.groupId});
    if (!described)
        return described.err();
    for (const auto &d : described.value())
        if (!d.members.empty())
            return make_error(error_code::non_empty_group,
                              "group " + request.groupId + " has " + std::to_string(d.members.size()) +
                                  " active member(s); stop its consumers before resetting offsets");
    auto committed = groups.committed_offsets({request.groupId});
    if (!committed)
        return committed.err();
    std::map<PartitionKey, int64_t> current;
    for (const auto &c : committed.value()[request.groupId])
        if (c.offset >= 0)
            current[{c.topic, c.partition}] = c.offset;

    std::vector<PartitionKey> targets;
    if (request.topic.empty()) {
        for (const auto &[key, offset] : current)
            targets.push_back(key);
    } else {
        const auto topic = std::find_if(cluster->topics.begin(), cluster->topics.end(),
                                        [&](const auto &t) { return t.name == request.topic; });
        if (topic == cluster->topics.end())
            return make_error(error_code::unknown_topic_or_partition, "topic " + request.topic + " does not exist");
        for (const auto &p : topic->partitions)
            if (request.partition < 0 || p.partition == request.partition)
                targets.push_back({topic->name, p.partition});
        if (targets.empty())
            return make_error(error_code::unknown_topic_or_partition,
                              "topic " + request.topic + " has no partition " + std::to_string(request.partition));
    }

    // Timestamp targets: ListOffsets at the leaders.
    std::map<PartitionKey, int64_t> byTime;
    if (request.target == OffsetResetTarget::Timestamp) {
        std::vector<sluice::client::offset_query> queries;
        for (const auto &key : targets)
            if (const auto *p = findPartition(cluster.value(), key.first, key.second); p && p->leader >= 0)
                queries.push_back({key.first, key.second, request.value});
        for (const auto &o : client().list_offsets(cluster.value(), queries)) {
            if (o.failure)
                return *o.failure;
            if (o.error == 0)
                byTime[{o.topic, o.partition}] = o.offset;
        }
    }

    std::vector<OffsetResetChange> plan;
    for (const auto &key : targets) {
        const auto *p = findPartition(cluster.value(), key.first, key.second);
        if (!p || p->start_offset < 0 || p->end_offset < 0)
            return make_error(error_code::leader_not_available,
                              "offsets of " + key.first + "-" + std::to_string(key.second) + " are unknown");
        OffsetResetChange change;
        change.topic = key.first;
        change.partition = key.second;
        if (auto it = current.find(key); it != current.end())
            change.oldOffset = it->second;
        switch (request.target) {
        case OffsetResetTarget::Earliest: change.newOffset = p->start_offset; break;
        case OffsetResetTarget::Latest: change.newOffset = p->end_offset; break;
        case OffsetResetTarget::Offset: change.newOffset = std::clamp(request.value, p->start_offset, p->end_offset); break;
        case OffsetResetTarget::Timestamp: {
            auto it = byTime.find(key);
            change.newOffset = it == byTime.end() || it->second < 0 ? p->end_offset : it->second;
            break;
        }
        }
        plan.push_back(std::move(change));
    }
    std::sort(plan.begin(), plan.end(), [](const auto &a, const auto &b) {
        return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
    });
    return plan;
}

result<void> ClientGroupsProvider::applyReset(const std::string &groupId, const std::vector<OffsetResetChange> &plan)
{
    if (plan.empty())
        return {};
    std::vector<sluice::client::offset_reset> offsets;
    for (const auto &change : plan)
        offsets.push_back({change.topic, change.partition, change.newOffset});
    sluice::client::group_client groups(client());
    auto done = groups.reset_offsets(groupId, offsets);
    if (!done.ok() && done.err().code != error_code::non_empty_group)
        dropClient();
    return done;
}
