#include "LocalCluster.h"

#include <QDir>
#include <QStandardPaths>

#include "engine/broker/node.h"

struct LocalCluster::Engine
{
    std::unique_ptr<sluice::broker::node> node;
};

quint16 LocalCluster::startEngine(const QString &dataDir, quint16 port, QString *error)
{
    sluice::broker::node_config config;
    config.node_id = 1;
    config.host = m_host.toStdString();
    config.port = port;
    config.data_dir = std::filesystem::path(dataDir.toStdString());
    auto started = sluice::broker::node::start(std::move(config));
    if (!started.ok()) {
        *error = QString::fromStdString(started.err().message);
        return 0;
    }
    m_engine = std::make_unique<Engine>();
    m_engine->node = std::move(started).value();
    return m_engine->node->port();
}

void LocalCluster::stopEngine()
{
    if (m_engine && m_engine->node)
        m_engine->node->stop();
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
    setState(State::Running);
    return true;
}

void LocalCluster::stop()
{
    if (m_state != State::Running)
        return;
    stopEngine();
    setState(State::Stopped);
}

QString LocalCluster::bootstrap() const
{
    return m_host + QLatin1Char(':') + QString::number(m_port);
}

void LocalCluster::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
