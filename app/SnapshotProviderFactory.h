// makeSnapshotProvider: the Kafka-protocol reader a ClusterSession uses for the cluster at host:port.
#pragma once
#include <chrono>

#include <QString>

#include "SnapshotProvider.h"

SnapshotProvider makeSnapshotProvider(const QString &bootstrap,
                                      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
