// SnapshotProvider: how a ClusterSession reads one picture of a cluster (blocking; called off the GUI thread).
#pragma once
#include <functional>
#include <memory>

#include <QMetaType>

#include "engine/client/cluster_snapshot.h"
#include "engine/common/result.h"

using SnapshotProvider = std::function<sluice::result<sluice::client::cluster_snapshot>()>;
using ClusterSnapshotPtr = std::shared_ptr<const sluice::client::cluster_snapshot>;

Q_DECLARE_METATYPE(ClusterSnapshotPtr)
