#include "ReplicaActions.h"

#include <algorithm>

#include <QAction>
#include <QItemSelectionModel>
#include <QTableView>

#include "ClusterSession.h"
#include "LeaderElectionDialog.h"
#include "PartitionsModel.h"
#include "PartitionsView.h"
#include "ReassignmentDialog.h"
#include "TopicsModel.h"
#include "TopicsView.h"

namespace {

template <class Dialog>
Dialog *showDialog(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

}  // namespace

ReplicaActions::ReplicaActions(AdminService *admin, ClusterSession *session, PartitionsView *partitionsView,
                               TopicsView *topicsView, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_admin(admin)
    , m_session(session)
    , m_partitionsView(partitionsView)
    , m_topicsView(topicsView)
    , m_dialogParent(dialogParent)
    , m_reassignPartitions(new QAction(tr("&Reassign Replicas of Topic…"), this))
    , m_electPreferred(new QAction(tr("Elect &Preferred Leaders…"), this))
    , m_electUnclean(new QAction(tr("&Unclean Leader Election…"), this))
    , m_reassignTopic(new QAction(tr("&Reassign Replicas…"), this))
    , m_electTopicPreferred(new QAction(tr("Elect &Preferred Leaders…"), this))
{
    m_reassignPartitions->setObjectName(QStringLiteral("reassignPartitionsAction"));
    m_reassignPartitions->setToolTip(tr("Change the replication factor of the selected partitions' topic or move its "
                                        "replicas (AlterPartitionReassignments)"));
    m_electPreferred->setObjectName(QStringLiteral("electPreferredAction"));
    m_electPreferred->setToolTip(tr("Move leadership of the selected partitions back to their first replica (ElectLeaders)"));
    m_electUnclean->setObjectName(QStringLiteral("electUncleanAction"));
    m_electUnclean->setToolTip(tr("Elect a leader outside the ISR for the selected partitions: can lose data"));
    m_reassignTopic->setObjectName(QStringLiteral("reassignTopicAction"));
    m_reassignTopic->setToolTip(m_reassignPartitions->toolTip());
    m_electTopicPreferred->setObjectName(QStringLiteral("electTopicPreferredAction"));
    m_electTopicPreferred->setToolTip(tr("Move leadership of every partition of the topic back to its first replica"));

    connect(m_reassignPartitions, &QAction::triggered, this, [this] { openReassignment(selectedTopicOfPartitions()); });
    connect(m_electPreferred, &QAction::triggered, this, [this] { openElection(selectedPartitions(), false); });
    connect(m_electUnclean, &QAction::triggered, this, [this] { openElection(selectedPartitions(), true); });
    connect(m_reassignTopic, &QAction::triggered, this, [this] { openReassignment(currentTopicOfTopics()); });
    connect(m_electTopicPreferred, &QAction::triggered, this, [this] {
        const QString topic = currentTopicOfTopics();
        QList<QPair<QString, int>> partitions;
        if (const ClusterSnapshotPtr snapshot = m_session ? m_session->latestSnapshot() : nullptr)
            for (const auto &t : snapshot->topics)
                if (QString::fromStdString(t.name) == topic)
                    for (const auto &p : t.partitions)
                        partitions.append({topic, p.partition});
        openElection(partitions, false);
    });
    connect(m_partitionsView->tableView()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReplicaActions::updateEnabled);
    connect(m_topicsView->tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReplicaActions::updateEnabled);
    updateEnabled();
}

QList<QPair<QString, int>> ReplicaActions::selectedPartitions() const
{
    QList<QPair<QString, int>> out;
    const QModelIndexList rows = m_partitionsView->tableView()->selectionModel()->selectedRows(PartitionsModel::Partition);
    for (const QModelIndex &index : rows)
        out.append({index.data(PartitionsModel::TopicNameRole).toString(), index.data(PartitionsModel::RawValueRole).toInt()});
    std::sort(out.begin(), out.end());
    return out;
}

QString ReplicaActions::selectedTopicOfPartitions() const
{
    const QModelIndex current = m_partitionsView->tableView()->currentIndex();
    if (current.isValid())
        return current.data(PartitionsModel::TopicNameRole).toString();
    const auto partitions = selectedPartitions();
    return partitions.isEmpty() ? QString() : partitions.front().first;
}

QString ReplicaActions::currentTopicOfTopics() const
{
    const QModelIndex current = m_topicsView->tableView()->currentIndex();
    return current.isValid() ? current.data(TopicsModel::TopicNameRole).toString() : QString();
}

void ReplicaActions::updateEnabled()
{
    const bool admin = !m_admin.isNull();
    const bool partitions = m_partitionsView->tableView()->selectionModel()->hasSelection();
    m_reassignPartitions->setEnabled(admin && partitions);
    m_electPreferred->setEnabled(admin && partitions);
    m_electUnclean->setEnabled(admin && partitions);
    const bool topic = m_topicsView->tableView()->currentIndex().isValid();
    m_reassignTopic->setEnabled(admin && topic);
    m_electTopicPreferred->setEnabled(admin && topic);
}

ReassignmentDialog *ReplicaActions::openReassignment(const QString &topic)
{
    if (!m_admin || topic.isEmpty())
        return nullptr;
    auto *dialog = new ReassignmentDialog(m_admin, m_session ? m_session->latestSnapshot() : nullptr, topic, m_dialogParent);
    if (m_session)
        connect(m_session, &ClusterSession::snapshotReady, dialog, &ReassignmentDialog::onSnapshotReady);
    return showDialog(dialog);
}

LeaderElectionDialog *ReplicaActions::openElection(const QList<QPair<QString, int>> &partitions, bool unclean)
{
    if (!m_admin || partitions.isEmpty())
        return nullptr;
    return showDialog(new LeaderElectionDialog(m_admin, partitions,
                                               unclean ? ElectionType::Unclean : ElectionType::Preferred, m_dialogParent));
}
