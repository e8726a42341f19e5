#include "LocalCluster.h"

#include <QDir>
#include <QStandardPaths>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "engine/broker/node.h"
#include "engine/cluster/local_cluster.h"
#include "engine/common/error_code.h"

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

// Keeps the engine's message of a refused fault for errorString().
bool checked(const sluice::result<void> &done, QString *errorString)
{
    if (!done.ok())
        *errorString = QString::fromStdString(done.err().message);
    return done.ok();
}

}  // namespace

LocalCluster::EngineStart LocalCluster::startEngine(const QString &dataDir, quint16 port)
{
    const std::filesystem::path dir(dataDir.toStdString());
    auto engine = std::make_unique<Engine>();
    const auto failed = [](const sluice::error &error) {
        // A listener that cannot bind is the engine's NETWORK_EXCEPTION; other failures (storage, config) are not.
        return EngineStart{0, QString::fromStdString(error.message),
                           error.code == sluice::protocol::error_code::network_exception};
    };
    if (std::filesystem::exists(dir / "meta.properties")) {
        // Written by a one-node Sluice: that node, as it was (a cluster keeps each node in dir/node-N).
        sluice::broker::node_config config;
        config.node_id = 1;
        config.host = m_host.toStdString();
        config.port = port;
        config.data_dir = dir;
        auto started = sluice::broker::node::start(std::move(config));
        if (!started.ok())
            return failed(started.err());
        engine->singleNode = std::move(started).value();
        engine->bootstrap = m_host + QLatin1Char(':') + QString::number(engine->singleNode->port());
        m_nodes = 1;
        const quint16 bound = engine->singleNode->port();
        m_engine = std::move(engine);
        return {bound, {}, false};
    }
    sluice::cluster::local_cluster_config config;
    config.nodes = requestedNodeCount();
    config.data_dir = dir;
    config.host = m_host.toStdString();
    config.first_port = port;
    config.properties = localClusterProperties(config.nodes);
    auto started = sluice::cluster::local_cluster::start(std::move(config));
    if (!started.ok())
        return failed(started.err());
    engine->cluster = std::move(started).value();
    engine->bootstrap = QString::fromStdString(engine->cluster->bootstrap());
    m_nodes = engine->cluster->size();
    const quint16 bound = engine->cluster->port(1);
    m_engine = std::move(engine);
    return {bound, {}, false};
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

bool LocalCluster::start(const QString &dataDir, quint16 port)
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

    const EngineStart started = startEngine(dataDir, port);
    if (started.port == 0) {
        if (started.portTaken && port != 0) {
            // Usually another Sluice (or a Kafka broker) on this machine. Moving to other ports would hide that
            // and open the same data directory twice, so say which ports and where to change them.
            const int last = port + m_requestedNodes - 1;
            m_errorString = (last > port ? tr("Ports %1 to %2 are not all free (%3).").arg(port).arg(last)
                                         : tr("Port %1 is not free (%3).").arg(port))
                                .arg(started.error)
                            + QLatin1Char(' ')
                            + tr("Another Sluice or a Kafka broker may be using it. Choose another first port in "
                                 "File › Settings… (or start Sluice with --port), then start Sluice again.");
        } else {
            m_errorString = started.error.isEmpty() ? tr("the broker did not start") : started.error;
        }
        setState(State::Failed);
        return false;
    }
    m_port = started.port;
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

void LocalCluster::refuseToStart(const QString &why)
{
    if (m_state == State::Running)
        return;
    m_errorString = why;
    setState(State::Failed);
}

QList<int> LocalCluster::nodeIds() const
{
    QList<int> ids;
    if (m_state == State::Running && m_engine && m_engine->cluster)
        for (const int32_t id : m_engine->cluster->node_ids())
            ids.append(id);
    return ids;
}

bool LocalCluster::killNode(int nodeId)
{
    if (!isNodeRunning(nodeId))
        return false;
    m_engine->cluster->kill_node(nodeId);
    return true;
}

bool LocalCluster::restartNode(int nodeId)
{
    return stopNode(nodeId) && startNode(nodeId);
}

bool LocalCluster::isolateNode(int nodeId)
{
    if (m_state != State::Running || !m_engine || !m_engine->cluster)
        return false;
    return checked(m_engine->cluster->isolate(nodeId), &m_errorString);
}

bool LocalCluster::delayNode(int nodeId, int milliseconds)
{
    if (m_state != State::Running || !m_engine || !m_engine->cluster)
        return false;
    if (auto known = m_engine->cluster->check_node(nodeId); !known.ok())
        return checked(known, &m_errorString);
    for (const int32_t other : m_engine->cluster->node_ids()) {
        if (other == nodeId)
            continue;
        if (!checked(m_engine->cluster->delay(nodeId, other, std::chrono::milliseconds(milliseconds)), &m_errorString))
            return false;
    }
    return true;
}

void LocalCluster::healAll()
{
    if (m_state == State::Running && m_engine && m_engine->cluster)
        m_engine->cluster->heal();
}

int LocalCluster::clientConnectionCount() const
{
    if (m_state != State::Running || !m_engine)
        return 0;
    if (m_engine->cluster)
        return static_cast<int>(m_engine->cluster->client_connections());
    return m_engine->singleNode ? static_cast<int>(m_engine->singleNode->client_connection_count()) : 0;
}

int LocalCluster::nodeClientConnectionCount(int nodeId) const
{
    if (!isNodeRunning(nodeId))
        return 0;
    return static_cast<int>(m_engine->cluster->client_connections(nodeId));
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
