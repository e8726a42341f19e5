// createMainWindow: turns the command line and saved settings into a running window (local cluster, session, views).
#pragma once
#include <memory>

#include "AppOptions.h"
#include "MainWindow.h"
#include "engine/client/cluster_endpoint.h"

// Starts the embedded node (unless options.embedded is false) and the cluster session; the window is not shown.
std::unique_ptr<MainWindow> createMainWindow(const AppOptions &options);

// A window on the remote cluster at endpoint (a connection profile's), named connectionName; not shown.
std::unique_ptr<MainWindow> createClusterWindow(const sluice::client::cluster_endpoint &endpoint,
                                                const QString &connectionName, const AppOptions &options);
