#include "Startup.h"

#include <algorithm>

#include <QCoreApplication>
#include <QSettings>

#include "ClientGroupsProvider.h"
#include "ClientMessageSource.h"
#include "ClusterSession.h"
#include "GroupsSession.h"
#include "KafkaAdminService.h"
#include "MessagesSession.h"
#include "LagHistory.h"
#include "LocalCluster.h"
#include "LocalClusterSettings.h"
#include "SnapshotProviderFactory.h"

namespace {
const char SettingsRefresh[] = "Session/refreshIntervalMs";

int refreshInterval(const AppOptions &options)
{
    return options.refreshIntervalMs > 0
               ? options.refreshIntervalMs
               : QSettings().value(QLatin1String(SettingsRefresh), ClusterSession::DefaultRefreshIntervalMs).toInt();
}

// Every service of one window reaches its cluster through the same endpoint (bootstrap and security).
std::unique_ptr<MainWindow> wireWindow(const sluice::client::cluster_endpoint &endpoint, const QString &connectionName,
                                       const QString &historyKey, LocalCluster *localCluster, int refresh)
{
    const QString bootstrap = QString::fromStdString(endpoint.bootstrap);
    auto *session = new ClusterSession(makeSnapshotProvider(endpoint));
    session->setRefreshInterval(refresh);

    auto window = std::make_unique<MainWindow>(session, connectionName, bootstrap, localCluster);

    // Consumer groups: their own session (a slower refresh: lag reads cost more), lag history in SQLite.
    auto *groups = new GroupsSession(std::make_shared<ClientGroupsProvider>(endpoint));
    groups->setRefreshInterval(qMax(refresh, GroupsSession::DefaultRefreshIntervalMs));
    auto history = std::make_unique<LagHistory>(LagHistory::defaultPath(), historyKey);
    if (!history->isOpen())
        qWarning("Lag history is not kept: %s", qUtf8Printable(history->errorString()));
    window->setGroupsSession(groups, std::move(history));

    // Admin forms (topics, retention, broker configs) over the Kafka admin protocol, on their own worker thread.
    window->setAdminService(new KafkaAdminService(endpoint));
    // Message browser and produce form: reads and produces records on their own worker thread.
    window->setMessagesSession(new MessagesSession(std::make_shared<ClientMessageSource>(endpoint)));

    session->start();
    groups->start();
    return window;
}
}  // namespace

std::unique_ptr<MainWindow> createMainWindow(const AppOptions &options)
{
    const QSettings settings;
    LocalCluster *localCluster = nullptr;
    QString bootstrap = options.bootstrap;
    QString connectionName = bootstrap;

    if (options.embedded) {
        localCluster = new LocalCluster;
        // The command line wins over the saved settings (--port 0: any free ports, which settings never hold).
        LocalClusterSettings wanted = LocalClusterSettings::load(settings);
        if (!options.dataDir.isEmpty())
            wanted.dataDir = options.dataDir;
        if (options.nodes)
            wanted.nodes = *options.nodes;
        if (options.port)
            wanted.firstPort = *options.port == 0 ? LocalCluster::DefaultPort : *options.port;
        const quint16 port = options.port.value_or(static_cast<quint16>(std::clamp(wanted.firstPort, 0, 65535)));
        localCluster->setNodeCount(wanted.nodes);
        if (const QStringList problems = wanted.problems(); !problems.isEmpty())
            localCluster->refuseToStart(problems.join(QLatin1Char(' '))
                                        + QLatin1Char(' ')
                                        + QCoreApplication::translate("Startup", "Change it in File › Settings…"));
        else
            localCluster->start(wanted.dataDir, port);
        if (localCluster->state() != LocalCluster::State::Running)
            qWarning("Local cluster did not start: %s", qUtf8Printable(localCluster->errorString()));
        bootstrap = localCluster->state() == LocalCluster::State::Running
                        ? localCluster->bootstrap()
                        : localCluster->host() + QLatin1Char(':') + QString::number(port);
        connectionName = QCoreApplication::translate("Startup", "Local cluster");
    }

    // The local cluster and --bootstrap are plaintext; secured clusters come from connection profiles.
    const sluice::client::cluster_endpoint endpoint{bootstrap.toStdString(), {}};
    return wireWindow(endpoint, connectionName, options.embedded ? QStringLiteral("local") : bootstrap, localCluster,
                      refreshInterval(options));
}

std::unique_ptr<MainWindow> createClusterWindow(const sluice::client::cluster_endpoint &endpoint,
                                                const QString &connectionName, const AppOptions &options)
{
    return wireWindow(endpoint, connectionName, QString::fromStdString(endpoint.bootstrap), nullptr,
                      refreshInterval(options));
}
