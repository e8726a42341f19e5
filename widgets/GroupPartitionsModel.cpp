#include "GroupPartitionsModel.h"

#include <algorithm>
#include <map>

#include "GroupsSession.h"
#include "KeyedRowsDiff.h"
#include "units.h"

GroupPartitionsModel::GroupPartitionsModel(GroupsSession *session, QObject *parent)
    : QAbstractTableModel(parent)
{
    if (session)
        connect(session, &GroupsSession::groupsReady, this, &GroupPartitionsModel::onGroupsReady);
}

int GroupPartitionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GroupPartitionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupPartitionsModel::rawValue(const Row &row, int column) const
{
    switch (column) {
    case Topic: return QString::fromStdString(row.key.first);
    case Partition: return row.key.second;
    case Consumer: return row.consumer;
    case Committed: return row.committed;
    case EndOffset: return row.end;
    case Lag: return row.lag;
    case LagTime: return row.lagMs;
    default: return {};
    }
}

QVariant GroupPartitionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Topic:
        case Consumer: return rawValue(row, column);
        case Partition: return QString::number(row.key.second);
        case Committed:
        case EndOffset:
        case Lag: {
            const qint64 value = rawValue(row, column).toLongLong();
            return value < 0 ? tr("—", "value not known") : Units::formatCount(value);
        }
        case LagTime: return row.lagMs < 0 ? tr("—", "value not known") : Units::formatLagTime(row.lagMs);
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((column == Topic || column == Consumer ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == Committed && row.committed < 0)
            return tr("The group has not committed an offset for this partition");
        if (column == LagTime && row.lagMs < 0)
            return tr("Not known: the records' timestamps could not be read, or nothing is committed");
        return {};
    case RawValueRole: return rawValue(row, column);
    default: return {};
    }
}

QVariant GroupPartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Topic: return tr("Topic");
        case Partition: return tr("Partition");
        case Consumer: return tr("Consumer", "client id of the assigned member");
        case Committed: return tr("Committed", "committed offset");
        case EndOffset: return tr("End offset");
        case Lag: return tr("Lag", "records behind");
        case LagTime: return tr("Lag (time)");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && section == LagTime)
        return tr("How long the first record not yet consumed has waited: now minus its timestamp (0 when caught up)");
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((section == Topic || section == Consumer ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    return {};
}

int GroupPartitionsModel::rowOf(const QString &topic, int partition) const
{
    const std::pair<std::string, int32_t> key{topic.toStdString(), partition};
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), key, [](const Row &r, const auto &k) { return r.key < k; });
    return it != m_rows.end() && it->key == key ? static_cast<int>(it - m_rows.begin()) : -1;
}

void GroupPartitionsModel::setGroupId(const QString &groupId)
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

void GroupPartitionsModel::onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    m_lastSnapshot = snapshot;
    applySnapshot(*snapshot);
}

void GroupPartitionsModel::applySnapshot(const GroupsSnapshot &snapshot)
{
    std::vector<Row> next;
    if (const GroupInfo *group = snapshot.find(m_groupId.toStdString())) {
        std::map<std::pair<std::string, int32_t>, QString> owners;
        for (const GroupMemberInfo &member : group->members)
            for (const AssignedTopic &topic : member.assignment)
                for (int32_t p : topic.partitions)
                    owners[{topic.topic, p}] = QString::fromStdString(member.clientId.empty() ? member.memberId : member.clientId);
        for (const GroupPartitionLag &p : group->partitions) {
            Row row;
            row.key = {p.topic, p.partition};
            if (auto it = owners.find(row.key); it != owners.end()) {
                row.consumer = it->second;
                owners.erase(it);
            }
            row.committed = p.committedOffset;
            row.end = p.endOffset;
            row.lag = p.lag;
            row.lagMs = p.lagMs;
            next.push_back(std::move(row));
        }
        // Assigned partitions without a committed offset yet still belong in the table.
        for (auto &[key, consumer] : owners) {
            Row row;
            row.key = key;
            row.consumer = consumer;
            next.push_back(std::move(row));
        }
    }
    std::sort(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.key < b.key; });
    next.erase(std::unique(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.key == b.key; }), next.end());
    applyKeyedRowsDiff(m_rows, std::move(next), [](const Row &r) -> const auto & { return r.key; },
                       RowDiffHooks{[this](int f, int l) { beginRemoveRows({}, f, l); }, [this] { endRemoveRows(); },
                                    [this](int f, int l) { beginInsertRows({}, f, l); }, [this] { endInsertRows(); },
                                    [this](int f, int l) { emit dataChanged(index(f, 0), index(l, ColumnCount - 1)); }});
}
