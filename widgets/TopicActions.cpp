#include "TopicActions.h"

#include <algorithm>

#include <QAction>
#include <QIcon>
#include <QItemSelectionModel>
#include <QStyle>
#include <QTableView>
#include <QWidget>

#include "AdminService.h"
#include "ClusterSession.h"
#include "DeleteRecordsDialog.h"
#include "DeleteTopicDialog.h"
#include "TopicForm.h"
#include "TopicsModel.h"
#include "TopicsView.h"

namespace {
const sluice::client::topic_info *findTopic(const ClusterSnapshotPtr &snapshot, const QString &name)
{
    if (!snapshot)
        return nullptr;
    const std::string wanted = name.toStdString();
    for (const auto &topic : snapshot->topics)
        if (topic.name == wanted)
            return &topic;
    return nullptr;
}

// __consumer_offsets (every group's committed offsets), __transaction_state and the KRaft metadata log: the
// broker refuses to delete them or their records, so the actions are not offered for them.
bool isProtectedTopic(const ClusterSnapshotPtr &snapshot, const QString &name)
{
    if (name == QLatin1String("__consumer_offsets") || name == QLatin1String("__transaction_state")
        || name == QLatin1String("__cluster_metadata"))
        return true;
    const auto *topic = findTopic(snapshot, name);
    return topic && topic->internal;
}

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

TopicActions::TopicActions(AdminService *admin, ClusterSession *session, TopicsView *topicsView, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_admin(admin)
    , m_session(session)
    , m_topicsView(topicsView)
    , m_dialogParent(dialogParent)
{
    QStyle *style = dialogParent->style();
    m_newTopic = new QAction(QIcon::fromTheme(QStringLiteral("list-add"), style->standardIcon(QStyle::SP_FileDialogNewFolder)),
                             tr("&New Topic…"), this);
    m_newTopic->setObjectName(QStringLiteral("newTopicAction"));
    m_newTopic->setShortcut(QKeySequence::New);
    m_newTopic->setToolTip(tr("Create a topic (CreateTopics)"));
    m_editTopic = new QAction(QIcon::fromTheme(QStringLiteral("document-edit"), style->standardIcon(QStyle::SP_FileDialogDetailedView)),
                              tr("&Edit Topic…"), this);
    m_editTopic->setObjectName(QStringLiteral("editTopicAction"));
    m_editTopic->setToolTip(tr("Change the selected topic's configs or add partitions"));
    m_deleteTopic = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete"), style->standardIcon(QStyle::SP_TrashIcon)),
                                tr("&Delete Topic…"), this);
    m_deleteTopic->setObjectName(QStringLiteral("deleteTopicAction"));
    m_deleteTopic->setToolTip(tr("Delete the selected topic and its data (DeleteTopics)"));
    m_deleteRecords = new QAction(tr("Delete &Records…"), this);
    m_deleteRecords->setObjectName(QStringLiteral("deleteRecordsAction"));
    m_deleteRecords->setToolTip(tr("Delete the selected topic's records before an offset (DeleteRecords)"));

    connect(m_newTopic, &QAction::triggered, this, &TopicActions::openNewTopic);
    connect(m_editTopic, &QAction::triggered, this, [this] { openEditTopic(selectedTopic()); });
    connect(m_deleteTopic, &QAction::triggered, this, [this] { openDeleteTopic(selectedTopic()); });
    connect(m_deleteRecords, &QAction::triggered, this, [this] { openDeleteRecords(selectedTopic()); });
    connect(m_topicsView, &TopicsView::topicActivated, this, &TopicActions::openEditTopic);
    connect(m_topicsView->tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TopicActions::updateEnabled);
    connect(m_topicsView->tableView()->model(), &QAbstractItemModel::modelReset, this, &TopicActions::updateEnabled);
    updateEnabled();
}

QString TopicActions::selectedTopic() const
{
    const QModelIndex current = m_topicsView->tableView()->selectionModel()->currentIndex();
    return current.isValid() ? current.data(TopicsModel::TopicNameRole).toString() : QString();
}

void TopicActions::updateEnabled()
{
    const QString topic = selectedTopic();
    const bool selected = !topic.isEmpty();
    const bool internal = selected && isProtectedTopic(m_session ? m_session->latestSnapshot() : nullptr, topic);
    m_newTopic->setEnabled(m_admin);
    m_editTopic->setEnabled(m_admin && selected);
    m_deleteTopic->setEnabled(m_admin && selected && !internal);
    m_deleteRecords->setEnabled(m_admin && selected && !internal);
    // A greyed-out action says why when hovered in the menu.
    m_deleteTopic->setToolTip(internal ? tr("%1 is an internal topic: Kafka keeps the cluster's own state in it, and "
                                            "the brokers refuse to delete it").arg(topic)
                                       : tr("Delete the selected topic and its data (DeleteTopics)"));
    m_deleteRecords->setToolTip(internal ? tr("%1 is an internal topic: the brokers refuse to delete its records").arg(topic)
                                         : tr("Delete the selected topic's records before an offset (DeleteRecords)"));
}

void TopicActions::afterChange(const QString &topic)
{
    if (m_session)
        m_session->refreshNow();
    emit topicChanged(topic);
}

TopicForm *TopicActions::openNewTopic()
{
    if (!m_admin)
        return nullptr;
    const ClusterSnapshotPtr snapshot = m_session ? m_session->latestSnapshot() : nullptr;
    QStringList existing;
    QList<int> brokers;
    if (snapshot) {
        for (const auto &topic : snapshot->topics)
            existing << QString::fromStdString(topic.name);
        for (const auto &broker : snapshot->brokers)
            brokers << broker.node_id;
        if (snapshot->controller_id >= 0 && brokers.contains(snapshot->controller_id))
            brokers.move(brokers.indexOf(snapshot->controller_id), 0);
    }
    auto *form = new TopicForm(m_admin, existing, brokers, m_dialogParent);
    connect(form, &TopicForm::applied, this, &TopicActions::afterChange);
    form->load();
    return showDialog(form);
}

TopicForm *TopicActions::openEditTopic(const QString &topic)
{
    if (!m_admin || topic.isEmpty())
        return nullptr;
    int partitions = 1;
    int replication = 1;
    if (const auto *info = findTopic(m_session ? m_session->latestSnapshot() : nullptr, topic)) {
        partitions = static_cast<int>(info->partitions.size());
        for (const auto &p : info->partitions)
            replication = std::max(replication, static_cast<int>(p.replicas.size()));
    }
    auto *form = new TopicForm(m_admin, topic, partitions, replication, m_dialogParent);
    connect(form, &TopicForm::applied, this, &TopicActions::afterChange);
    form->load();
    return showDialog(form);
}

DeleteTopicDialog *TopicActions::openDeleteTopic(const QString &topic)
{
    if (!m_admin || topic.isEmpty() || isProtectedTopic(m_session ? m_session->latestSnapshot() : nullptr, topic))
        return nullptr;
    int partitions = -1;
    qint64 messages = -1;
    if (const auto *info = findTopic(m_session ? m_session->latestSnapshot() : nullptr, topic)) {
        partitions = static_cast<int>(info->partitions.size());
        messages = 0;
        for (const auto &p : info->partitions) {
            if (p.start_offset < 0 || p.end_offset < 0) {
                messages = -1;
                break;
            }
            messages += p.end_offset - p.start_offset;
        }
    }
    auto *dialog = new DeleteTopicDialog(m_admin, topic, partitions, messages, m_dialogParent);
    connect(dialog, &DeleteTopicDialog::applied, this, &TopicActions::afterChange);
    return showDialog(dialog);
}

DeleteRecordsDialog *TopicActions::openDeleteRecords(const QString &topic)
{
    if (!m_admin || topic.isEmpty() || isProtectedTopic(m_session ? m_session->latestSnapshot() : nullptr, topic))
        return nullptr;
    QList<DeleteRecordsDialog::PartitionOffsets> partitions;
    if (const auto *info = findTopic(m_session ? m_session->latestSnapshot() : nullptr, topic)) {
        for (const auto &p : info->partitions)
            partitions << DeleteRecordsDialog::PartitionOffsets{p.partition, p.start_offset, p.end_offset};
    }
    std::sort(partitions.begin(), partitions.end(),
              [](const auto &a, const auto &b) { return a.partition < b.partition; });
    auto *dialog = new DeleteRecordsDialog(m_admin, topic, partitions, m_dialogParent);
    connect(dialog, &DeleteRecordsDialog::applied, this, &TopicActions::afterChange);
    return showDialog(dialog);
}
