#include "NodeActions.h"

#include <QAction>
#include <QIcon>
#include <QInputDialog>
#include <QMessageBox>
#include <QStyle>
#include <QWidget>

#include "BrokersModel.h"

NodeActions::NodeActions(const BrokersModel *model, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_model(model)
    , m_dialogParent(dialogParent)
{
    QStyle *style = dialogParent->style();
    const auto make = [this](const QIcon &icon, const QString &text, const QString &tip, const char *name) {
        auto *action = new QAction(icon, text, this);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        action->setObjectName(QLatin1String(name));
        return action;
    };
    m_stop = make(QIcon::fromTheme(QStringLiteral("media-playback-stop"), style->standardIcon(QStyle::SP_MediaStop)),
                  tr("S&top Node"), tr("Stop the selected node cleanly: its leaderships move and it leaves the ISRs"),
                  "stopNodeAction");
    m_start = make(QIcon::fromTheme(QStringLiteral("media-playback-start"), style->standardIcon(QStyle::SP_MediaPlay)),
                   tr("St&art Node"), tr("Start the selected node again on its port and data"), "startNodeAction");
    m_kill = make(QIcon::fromTheme(QStringLiteral("process-stop"), style->standardIcon(QStyle::SP_BrowserStop)),
                  tr("&Kill Node…"),
                  tr("Stop the selected node as a crash would: no controlled shutdown, unflushed writes lost"),
                  "killNodeAction");
    m_restart = make(QIcon::fromTheme(QStringLiteral("view-refresh"), style->standardIcon(QStyle::SP_BrowserReload)),
                     tr("R&estart Node"), tr("Stop the selected node cleanly and start it again"), "restartNodeAction");
    m_isolate = make(QIcon::fromTheme(QStringLiteral("network-offline"), style->standardIcon(QStyle::SP_DialogCancelButton)),
                     tr("&Cut Off Node"),
                     tr("Cut every link between the selected node and the other nodes (its clients stay connected)"),
                     "isolateNodeAction");
    m_latency = make(QIcon::fromTheme(QStringLiteral("appointment-soon"), style->standardIcon(QStyle::SP_ArrowRight)),
                     tr("Add &Latency…"), tr("Delay every link between the selected node and the other nodes"),
                     "latencyNodeAction");
    m_heal = make(QIcon::fromTheme(QStringLiteral("network-transmit-receive"), style->standardIcon(QStyle::SP_DialogApplyButton)),
                  tr("&Heal All Links"), tr("Remove every cut and added latency between the nodes"), "healLinksAction");

    m_confirm = [this](const QString &title, const QString &question) {
        return QMessageBox::question(m_dialogParent, title, question, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel)
               == QMessageBox::Yes;
    };
    m_askLatency = [this](int nodeId) -> std::optional<int> {
        bool ok = false;
        // The dialog accepts only whole numbers in range, so a bad value cannot be entered, let alone replaced.
        const int ms = QInputDialog::getInt(m_dialogParent, tr("Add Latency"),
                                            tr("Milliseconds to add to each link between node %1 and the other nodes "
                                               "(1 to %2):")
                                                .arg(nodeId)
                                                .arg(MaxLatencyMs),
                                            200, 1, MaxLatencyMs, 50, &ok);
        return ok ? std::optional(ms) : std::nullopt;
    };

    connect(m_stop, &QAction::triggered, this, [this] { request(NodeCommand::Kind::Stop); });
    connect(m_start, &QAction::triggered, this, [this] { request(NodeCommand::Kind::Start); });
    connect(m_kill, &QAction::triggered, this, [this] { request(NodeCommand::Kind::Kill); });
    connect(m_restart, &QAction::triggered, this, [this] { request(NodeCommand::Kind::Restart); });
    connect(m_isolate, &QAction::triggered, this, [this] { request(NodeCommand::Kind::Isolate); });
    connect(m_latency, &QAction::triggered, this, [this] { request(NodeCommand::Kind::AddLatency); });
    connect(m_heal, &QAction::triggered, this, [this] { request(NodeCommand::Kind::HealAll); });
    updateEnabled();
}

QList<QAction *> NodeActions::actions() const
{
    return {m_stop, m_start, m_restart, m_kill, nullptr, m_isolate, m_latency, m_heal};
}

void NodeActions::setCurrentNode(int nodeId)
{
    m_node = nodeId;
    updateEnabled();
}

void NodeActions::updateEnabled()
{
    const LocalNodeState *node = m_model->localNodeState(m_node);
    const bool running = node && node->running();
    // Faults act on links between nodes: a one-node cluster has none.
    const bool peers = m_model->localNodeCount() > 1;
    m_stop->setEnabled(running);
    m_start->setEnabled(node && !running);
    m_kill->setEnabled(running);
    m_restart->setEnabled(running);
    m_isolate->setEnabled(running && peers && !node->isolated);
    m_latency->setEnabled(running && peers);
    m_heal->setEnabled(m_model->hasLinkFaults());
}

void NodeActions::request(NodeCommand::Kind kind)
{
    NodeCommand command{kind, m_node, 0};
    if (kind == NodeCommand::Kind::HealAll) {
        command.nodeId = -1;
        emit requested(command);
        return;
    }
    if (!m_model->localNodeState(m_node))
        return;
    if (kind == NodeCommand::Kind::Kill
        && !m_confirm(tr("Kill Node %1").arg(m_node),
                      tr("Kill node %1 as a crash would? It does not hand over its leaderships or flush its logs; "
                         "the others notice after their timeouts. Its clients lose their connections.")
                          .arg(m_node)))
        return;
    if (kind == NodeCommand::Kind::AddLatency) {
        const std::optional<int> ms = m_askLatency(m_node);
        if (!ms)
            return;
        if (*ms < 1 || *ms > MaxLatencyMs)
            return;  // the dialog's own range; a test's fake could step outside it
        command.latencyMs = *ms;
    }
    emit requested(command);
}
