// ReplicaActions: the replica-admin intents of the partitions and topics views — reassign a topic's replicas, and
// preferred or unclean leader election of the selected partitions — opening their forms.
#pragma once
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>

class AdminService;
class ClusterSession;
class LeaderElectionDialog;
class PartitionsView;
class QAction;
class QTableView;
class QWidget;
class ReassignmentDialog;
class TopicsView;

class ReplicaActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicaActions)

public:
    // Nothing is owned but the actions; dialogs open non-modal over dialogParent and delete themselves on close.
    ReplicaActions(AdminService *admin, ClusterSession *session, PartitionsView *partitionsView, TopicsView *topicsView,
                   QWidget *dialogParent);

    // For the partitions view (its selected rows).
    QList<QAction *> partitionActions() const { return {m_reassignPartitions, m_electPreferred, m_electUnclean}; }
    // For the topics view (its current topic).
    QList<QAction *> topicActions() const { return {m_reassignTopic, m_electTopicPreferred}; }

    // (topic, partition) of the rows selected in the partitions view.
    QList<QPair<QString, int>> selectedPartitions() const;

public slots:
    ReassignmentDialog *openReassignment(const QString &topic);
    LeaderElectionDialog *openElection(const QList<QPair<QString, int>> &partitions, bool unclean);

private:
    void updateEnabled();
    QString selectedTopicOfPartitions() const;
    QString currentTopicOfTopics() const;

    QPointer<AdminService> m_admin;
    QPointer<ClusterSession> m_session;
    PartitionsView *m_partitionsView;
    TopicsView *m_topicsView;
    QWidget *m_dialogParent;
    QAction *m_reassignPartitions;
    QAction *m_electPreferred;
    QAction *m_electUnclean;
    QAction *m_reassignTopic;
    QAction *m_electTopicPreferred;
};
