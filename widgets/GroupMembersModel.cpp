#include "GroupMembersModel.h"

#include <algorithm>

#include "GroupsSession.h"
#include "KeyedRowsDiff.h"

GroupMembersModel::GroupMembersModel(GroupsSession *session, QObject *parent)
    : QAbstractTableModel(parent)
{
    if (session)
        connect(session, &GroupsSession::groupsReady, this, &GroupMembersModel::onGroupsReady);
}

int GroupMembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GroupMembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString GroupMembersModel::formatAssignment(const std::vector<AssignedTopic> &assignment)
{
    QStringList topics;
    for (const AssignedTopic &topic : assignment) {
        QStringList partitions;
        std::vector<int32_t> sorted = topic.partitions;
        std::sort(sorted.begin(), sorted.end());
        for (int32_t p : sorted)
            partitions << QString::number(p);
        topics << tr("%1: %2", "topic: partitions").arg(QString::fromStdString(topic.topic), partitions.join(QStringLiteral(", ")));
    }
    return topics.isEmpty() ? tr("none", "no partitions assigned") : topics.join(QStringLiteral("  ·  "));
}

QVariant GroupMembersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case MemberId: return QString::fromStdString(row.memberId);
        case ClientId: return row.clientId;
        case Host: return row.host;
        case InstanceId: return row.instanceId;
        case Assignment: return row.assignment;
        default: return {};
        }
    case PartitionCountRole: return row.partitionCount;
    default: return {};
    }
}

QVariant GroupMembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MemberId: return tr("Member");
    case ClientId: return tr("Client ID");
    case Host: return tr("Host");
    case InstanceId: return tr("Instance ID", "group.instance.id (static membership)");
    case Assignment: return tr("Assigned partitions");
    default: return {};
    }
}

int GroupMembersModel::rowOf(const QString &memberId) const
{
    const std::string id = memberId.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].memberId == id)
            return static_cast<int>(i);
    return -1;
}

void GroupMembersModel::setGroupId(const QString &groupId)
{
    if (groupId == m_groupId)
        return;
    beginResetModel();
    m_groupId = groupId;
    m_rows.clear();
    endResetModel();
    if (m_lastSnapshot)
        applySnapshot(*m_lastSnapshot);
}

void GroupMembersModel::onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    m_lastSnapshot = snapshot;
    applySnapshot(*snapshot);
}

void GroupMembersModel::applySnapshot(const GroupsSnapshot &snapshot)
{
    std::vector<Row> next;
    if (const GroupInfo *group = snapshot.find(m_groupId.toStdString())) {
        for (const GroupMemberInfo &member : group->members) {
            Row row;
            row.memberId = member.memberId;
            row.clientId = QString::fromStdString(member.clientId);
            row.host = QString::fromStdString(member.clientHost);
            row.instanceId = QString::fromStdString(member.groupInstanceId);
            row.assignment = member.assignmentDecoded ? formatAssignment(member.assignment)
                                                      : tr("(not a consumer-protocol assignment)");
            for (const AssignedTopic &topic : member.assignment)
                row.partitionCount += static_cast<int>(topic.partitions.size());
            next.push_back(std::move(row));
        }
    }
    std::sort(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.memberId < b.memberId; });
    next.erase(std::unique(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.memberId == b.memberId; }),
               next.end());
    applyKeyedRowsDiff(m_rows, std::move(next), [](const Row &r) -> const std::string & { return r.memberId; },
                       RowDiffHooks{[this](int f, int l) { beginRemoveRows({}, f, l); }, [this] { endRemoveRows(); },
                                    [this](int f, int l) { beginInsertRows({}, f, l); }, [this] { endInsertRows(); },
                                    [this](int f, int l) { emit dataChanged(index(f, 0), index(l, ColumnCount - 1)); }});
}
