// ClientGroupsProvider: the GroupsProvider for a real cluster: a thin adapter over the engine's group_client (groups,
// members, batched committed offsets, lag, resets) plus the Fetches that give lag in time. Blocking; worker thread.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "GroupsProvider.h"
#include "engine/client/cluster_endpoint.h"

namespace sluice::client {
class cluster_client;
struct cluster_snapshot;
}  // namespace sluice::client

class ClientGroupsProvider : public GroupsProvider
{
public:
    // Partitions whose lag in time is read per refresh (each costs two small fetches, batched per leader).
    static constexpr std::size_t DefaultLagTimePartitionLimit = 2000;

    explicit ClientGroupsProvider(sluice::client::cluster_endpoint endpoint,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~ClientGroupsProvider() override;

    sluice::result<GroupsSnapshot> readGroups() override;
    sluice::result<std::vector<OffsetResetChange>> planReset(const OffsetResetRequest &request) override;
    sluice::result<void> applyReset(const std::string &groupId, const std::vector<OffsetResetChange> &plan) override;

private:
    sluice::client::cluster_client &client();
    void dropClient();
    // Fills lagMs of the lagging partitions (newest record's timestamp - committed record's timestamp).
    void readLagTimes(const sluice::client::cluster_snapshot &cluster, std::vector<GroupInfo> &groups);

    sluice::client::cluster_endpoint m_endpoint;
    std::chrono::milliseconds m_timeout;
    std::unique_ptr<sluice::client::cluster_client> m_client;
};
