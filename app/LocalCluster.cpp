#include "LocalCluster.h"

#include <QDir>
#include <QStandardPaths>

#include <algorithm>
#include <filesystem>

#include "engine/broker/node.h"
#include "engine/cluster/local_cluster.h"

struct LocalCluster::Engine
{
    std::unique_ptr<sluice::cluster::local_cluster> cluster;
    std::unique_ptr<sluice::broker::node> singleNode;  // a data dir from the one-node days
    QString bootstrap;
};

namespace {

// Settings every node of the app's cluster gets: what a developer expects of a replicated dev cluster.
std::map<std::string, std::string> localClusterProperties(int nodes)
{
    const std::string replication = std::to_string(std::min(nodes, 3));
    return {{"default.replication.factor", replication}, {"offsets.topic.replication.factor", replication}};
}

}  // namespace

quint16 LocalCluster::startEngine(const QString &dataDir, quint16 port, QString *error)
{
    const std::filesystem::path dir(dataDir.toStdString());
    auto engine = std::make_unique<Engine>();
    if (std::filesystem::exists(dir / "meta.properties")) {
        // Written by a one-node Sluice: that node, as it was (a cluster keeps each node in dir/node-N).
        sluice::broker::node_config config;
        config.node_id = 1;
        config.host = m_host.toStdString();
        config.port = port;
        config.data_dir = dir;
        auto started = sluice::broker::node::start(std::move(config));
        if (!started.ok()) {
            *error = QString::fromStdString(started.err().message);
            return 0;
        }
        engine->singleNode = std::move(started).value();
        engine->bootstrap = m_host + QLatin1Char(':') + QString::number(engine->singleNode->port());
        m_nodes = 1;
        const quint16 bound = engine->singleNode->port();
        m_engine = std::move(engine);
        return bound;
    }
    sluice::cluster::local_cluster_config config;
    config.nodes = requestedNodeCount();
    config.data_dir = dir;
    config.host = m_host.toStdString();
    config.first_port = port;
    config.properties = localClusterProperties(config.nodes);
    auto started = sluice::cluster::local_cluster::start(std::move(config));
    if (!started.ok()) {
        *error = QString::fromStdString(started.err().message);
        return 0;
    }
    engine->cluster = std::move(started).value();
    engine->bootstrap = QString::fromStdString(engine->cluster->bootstrap());
    m_nodes = engine->cluster->size();
    const quint16 bound = engine->cluster->port(1);
    m_engine = std::move(engine);
    return bound;
}

QString LocalCluster::engineBootstrap() const
{
    if (m_engine)
        return m_engine->bootstrap;
    return m_host + QLatin1Char(':') + QString::number(m_port);
}

void LocalCluster::stopEngine()
{
    if (m_engine && m_engine->cluster)
        m_engine->cluster->stop();
    if (m_engine && m_engine->singleNode)
        m_engine->singleNode->stop();
    m_engine.reset();
}

LocalCluster::LocalCluster(QObject *parent)
    : QObject(parent)
{
}

LocalCluster::~LocalCluster()
{
    // Virtual calls from a destructor reach this class's stopEngine(); subclasses stop in their own destructors.
    if (m_state == State::Running)
        LocalCluster::stopEngine();
}

QString LocalCluster::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/local-cluster");
}

bool LocalCluster::start(const QString &dataDir, quint16 port, bool fallbackToAnyPort)
{
    if (m_state == State::Running)
        return true;
    m_dataDir = dataDir;
    if (m_requestedNodes < 1 || m_requestedNodes > MaxNodeCount) {
        m_errorString = tr("a local cluster has 1 to %1 nodes, not %2").arg(MaxNodeCount).arg(m_requestedNodes);
        setState(State::Failed);
        return false;
    }
    m_errorString.clear();
    if (!QDir().mkpath(dataDir)) {
        m_errorString = tr("cannot create the data directory %1").arg(QDir::toNativeSeparators(dataDir));
        setState(State::Failed);
        return false;
    }

    QString error;
    quint16 bound = startEngine(dataDir, port, &error);
    if (bound == 0 && port != 0 && fallbackToAnyPort) {
        qInfo("Local cluster: port %u unavailable (%s); using an ephemeral port", unsigned(port), qUtf8Printable(error));
        error.clear();
        bound = startEngine(dataDir, 0, &error);
    }
    if (bound == 0) {
        m_errorString = error.isEmpty() ? tr("the broker did not start") : error;
        setState(State::Failed);
        return false;
    }
    m_port = bound;
    if (m_nodes == 0)
        m_nodes = m_requestedNodes;  // an engine seam that does not count them (tests)
    setState(State::Running);
    return true;
}

void LocalCluster::stop()
{
    if (m_state != State::Running)
        return;
    stopEngine();
    m_nodes = 0;
    setState(State::Stopped);
}

bool LocalCluster::stopNode(int nodeId)
{
    if (!isNodeRunning(nodeId))
        return false;
    m_engine->cluster->stop_node(nodeId);
    return true;
}

bool LocalCluster::startNode(int nodeId)
{
    if (m_state != State::Running || !m_engine || !m_engine->cluster || isNodeRunning(nodeId))
        return false;
    const auto ids = m_engine->cluster->node_ids();
    if (std::find(ids.begin(), ids.end(), nodeId) == ids.end())
        return false;
    const auto started = m_engine->cluster->start_node(nodeId);
    if (!started.ok())
        m_errorString = QString::fromStdString(started.err().message);
    return started.ok();
}

bool LocalCluster::isNodeRunning(int nodeId) const
{
    if (m_state != State::Running || !m_engine || !m_engine->cluster)
        return false;
    const auto ids = m_engine->cluster->node_ids();
    return std::find(ids.begin(), ids.end(), nodeId) != ids.end() && m_engine->cluster->is_running(nodeId);
}

QString LocalCluster::bootstrap() const
{
    return engineBootstrap();
}

void LocalCluster::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
