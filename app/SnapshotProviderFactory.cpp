#include "SnapshotProviderFactory.h"

#include <memory>

#include "engine/client/cluster_client.h"

SnapshotProvider makeSnapshotProvider(sluice::client::cluster_endpoint endpoint, std::chrono::milliseconds timeout)
{
    // One client per session keeps its broker connections between polls. The session calls the provider on its
    // worker thread only, one call at a time, which is all cluster_client (not thread-safe) needs.
    auto client = std::make_shared<std::unique_ptr<sluice::client::cluster_client>>();
    return [client, endpoint = std::move(endpoint), timeout]() -> sluice::result<sluice::client::cluster_snapshot> {
        if (!*client)
            *client = std::make_unique<sluice::client::cluster_client>(endpoint.bootstrap, timeout, endpoint.security);
        auto snapshot = (*client)->snapshot();
        if (!snapshot.ok())
            client->reset();  // reconnect from the bootstrap address next time
        return snapshot;
    };
}
