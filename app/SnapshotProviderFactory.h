// makeSnapshotProvider: the Kafka-protocol reader a ClusterSession uses for one cluster (bootstrap and security).
#pragma once
#include <chrono>

#include "SnapshotProvider.h"
#include "engine/client/cluster_endpoint.h"

SnapshotProvider makeSnapshotProvider(sluice::client::cluster_endpoint endpoint,
                                      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
