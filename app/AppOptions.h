// AppOptions: what the sluice command line asks for (embedded cluster's data dir and port, or a remote bootstrap).
#pragma once
#include <optional>

#include <QString>
#include <QStringList>

struct AppOptions
{
    bool embedded = true;              // start the local cluster (false with --no-embedded)
    QString dataDir;                   // empty: the saved setting or LocalCluster::defaultDataDir()
    std::optional<quint16> port;       // set by --port; unset: the saved setting or 9092 (a taken port is an error)
    std::optional<int> nodes;          // set by --nodes; unset: the saved setting or LocalCluster's default (3)
    QString bootstrap;                 // host:port of a remote cluster (with --no-embedded), plaintext
    QString profile;                   // --profile: the saved connection to open (no local cluster)
    int refreshIntervalMs = 0;         // 0: the saved setting or ClusterSession's default
    QString informationText;           // --help or --version: print this and exit

    // Parses arguments (including argv[0]). On failure returns nullopt and sets *error to a message for the user.
    static std::optional<AppOptions> parse(const QStringList &arguments, QString *error);
};
