// NodeActions: the controls for one node of the embedded local cluster (stop, start, kill, restart, cut off, add
// latency, heal all) as actions whose enabled state follows the selected broker and what was done to it. They
// only request (requested()); the app carries the commands out on its LocalCluster.
#pragma once
#include <functional>
#include <optional>

#include <QList>
#include <QObject>

#include "NodeCommand.h"

class BrokersModel;
class QAction;
class QWidget;

class NodeActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeActions)

public:
    static constexpr int MaxLatencyMs = 60000;

    // Asks the user to confirm a destructive command (Kill): true to go on. Tests replace the message box.
    using Confirm = std::function<bool(const QString &title, const QString &question)>;
    // Asks for the latency to add to a node's links, in ms (1..MaxLatencyMs); nullopt when cancelled.
    using AskLatency = std::function<std::optional<int>(int nodeId)>;

    // model is not owned and must outlive the actions; dialogParent parents the questions.
    NodeActions(const BrokersModel *model, QWidget *dialogParent);

    QList<QAction *> actions() const;  // in menu order; null entries are separators
    QAction *stopAction() const { return m_stop; }
    QAction *startAction() const { return m_start; }
    QAction *killAction() const { return m_kill; }
    QAction *restartAction() const { return m_restart; }
    QAction *isolateAction() const { return m_isolate; }
    QAction *latencyAction() const { return m_latency; }
    QAction *healAction() const { return m_heal; }

    // The broker the node actions act on (-1: none selected).
    void setCurrentNode(int nodeId);
    int currentNode() const { return m_node; }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setAskLatency(AskLatency ask) { m_askLatency = std::move(ask); }

public slots:
    void updateEnabled();

signals:
    void requested(const NodeCommand &command);

private:
    void request(NodeCommand::Kind kind);

    const BrokersModel *m_model;
    QWidget *m_dialogParent;
    int m_node = -1;
    Confirm m_confirm;
    AskLatency m_askLatency;
    QAction *m_stop;
    QAction *m_start;
    QAction *m_kill;
    QAction *m_restart;
    QAction *m_isolate;
    QAction *m_latency;
    QAction *m_heal;
};
