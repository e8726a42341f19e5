// LocalClusterControls: carries out the Brokers view's node commands on the embedded LocalCluster, keeps what
// was done to each node (stopped, killed, cut off, slowed) and its client count in the brokers model, and has the
// session read the cluster at once so that the views follow the change without waiting for the next poll.
#pragma once
#include <QObject>

#include "LocalNodeState.h"
#include "NodeCommand.h"

class BrokersModel;
class ClusterSession;
class LocalCluster;
class QWidget;

class LocalClusterControls : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalClusterControls)

public:
    // Nothing is owned; dialogParent shows failures and parents this object.
    LocalClusterControls(LocalCluster *cluster, ClusterSession *session, BrokersModel *model, QWidget *dialogParent);

    const LocalNodeStates &states() const { return m_states; }
    // False when the cluster refused (errorString() then says why; a message box shows it unless quiet).
    bool execute(const NodeCommand &command);
    QString errorString() const { return m_error; }
    void setQuiet(bool quiet) { m_quiet = quiet; }

public slots:
    // Re-reads which nodes run and their client counts (cheap: atomics) into the model.
    void updateStates();

signals:
    void executed(const NodeCommand &command, bool ok);

private:
    LocalCluster *m_cluster;
    ClusterSession *m_session;
    BrokersModel *m_model;
    QWidget *m_dialogParent;
    LocalNodeStates m_states;
    QString m_error;
    bool m_quiet = false;
};
