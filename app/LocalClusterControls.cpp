#include "LocalClusterControls.h"

#include <QApplication>
#include <QCursor>
#include <QMessageBox>
#include <QTimer>
#include <QWidget>

#include "BrokersModel.h"
#include "ClusterSession.h"
#include "LocalCluster.h"

namespace {
// Leadership and ISR changes follow a node's stop or start by a moment (the controller fences, elects, and the
// followers catch up): a second read shortly after the first catches them without waiting for the next poll.
constexpr int FollowUpRefreshMs = 600;
}  // namespace

LocalClusterControls::LocalClusterControls(LocalCluster *cluster, ClusterSession *session, BrokersModel *model,
                                           QWidget *dialogParent)
    : QObject(dialogParent)
    , m_cluster(cluster)
    , m_session(session)
    , m_model(model)
    , m_dialogParent(dialogParent)
{
    for (const int id : m_cluster->nodeIds())
        m_states[id] = LocalNodeState{};
    updateStates();
    connect(m_cluster, &LocalCluster::stateChanged, this, &LocalClusterControls::updateStates);
}

void LocalClusterControls::updateStates()
{
    const QList<int> ids = m_cluster->nodeIds();
    for (auto it = m_states.begin(); it != m_states.end();)
        it = ids.contains(it->first) ? std::next(it) : m_states.erase(it);
    for (const int id : ids) {
        LocalNodeState &state = m_states[id];
        const bool running = m_cluster->isNodeRunning(id);
        if (running)
            state.process = LocalNodeState::Process::Running;
        else if (state.process == LocalNodeState::Process::Running)
            state.process = LocalNodeState::Process::Stopped;
        state.clientConnections = running ? m_cluster->nodeClientConnectionCount(id) : 0;
    }
    m_model->setLocalNodeStates(m_states);
}

bool LocalClusterControls::execute(const NodeCommand &command)
{
    using Kind = NodeCommand::Kind;
    m_error.clear();
    // Stopping a node flushes its logs and joins its thread, which takes a moment: say so rather than look hung.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    bool ok = false;
    LocalNodeState *state = m_states.count(command.nodeId) ? &m_states[command.nodeId] : nullptr;
    switch (command.kind) {
    case Kind::Stop:
        ok = state && m_cluster->stopNode(command.nodeId);
        if (ok)
            state->process = LocalNodeState::Process::Stopped;
        break;
    case Kind::Kill:
        ok = state && m_cluster->killNode(command.nodeId);
        if (ok)
            state->process = LocalNodeState::Process::Killed;
        break;
    case Kind::Start:
        ok = state && m_cluster->startNode(command.nodeId);
        break;
    case Kind::Restart:
        ok = state && m_cluster->restartNode(command.nodeId);
        break;
    case Kind::Isolate:
        ok = state && m_cluster->isolateNode(command.nodeId);
        if (ok)
            state->isolated = true;
        break;
    case Kind::AddLatency:
        ok = state && m_cluster->delayNode(command.nodeId, command.latencyMs);
        if (ok)
            state->latencyMs = command.latencyMs;
        break;
    case Kind::HealAll:
        m_cluster->healAll();
        for (auto &[id, node] : m_states) {
            node.isolated = false;
            node.latencyMs = 0;
        }
        ok = true;
        break;
    }
    QApplication::restoreOverrideCursor();
    if (!ok) {
        m_error = !state ? tr("Node %1 is not a node of the local cluster.").arg(command.nodeId)
                  : m_cluster->errorString().isEmpty() ? tr("The local cluster refused the command.")
                                                       : m_cluster->errorString();
        if (!m_quiet)
            QMessageBox::warning(m_dialogParent, tr("Local Cluster"), m_error);
    }
    updateStates();
    if (m_session) {
        m_session->refreshNow();
        QTimer::singleShot(FollowUpRefreshMs, m_session, &ClusterSession::refreshNow);
    }
    emit executed(command, ok);
    return ok;
}
