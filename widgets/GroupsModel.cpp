#include "GroupsModel.h"

#include <algorithm>

#include "GroupsSession.h"
#include "KeyedRowsDiff.h"
#include "units.h"

GroupsModel::GroupsModel(GroupsSession *session, QObject *parent)
    : QAbstractTableModel(parent)
{
    if (session)
        connect(session, &GroupsSession::groupsReady, this, &GroupsModel::onGroupsReady);
}

int GroupsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GroupsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupsModel::rawValue(const Row &row, int column) const
{
    switch (column) {
    case GroupId: return QString::fromStdString(row.groupId);
    case State: return row.state;
    case ProtocolType: return row.protocolType;
    case Protocol: return row.protocol;
    case Members: return row.members;
    case Lag: return row.lag;
    case LagTime: return row.lagMs;
    default: return {};
    }
}

QVariant GroupsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Members: return Units::formatCount(row.members);
        case Lag: return row.lag < 0 ? tr("—", "value not known") : Units::formatCount(row.lag);
        case LagTime: return row.lagMs < 0 ? tr("—", "value not known") : Units::formatLagTime(row.lagMs);
        default: return rawValue(row, column);
        }
    case Qt::TextAlignmentRole:
        if (column == Members || column == Lag || column == LagTime)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (row.errorCode != 0)
            return tr("The cluster reported Kafka error code %1 for this group").arg(row.errorCode);
        if (column == LagTime)
            return tr("How long the oldest record not yet consumed has waited, over the group's partitions");
        return {};
    case RawValueRole: return rawValue(row, column);
    case GroupIdRole: return QString::fromStdString(row.groupId);
    default: return {};
    }
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case GroupId: return tr("Group");
        case State: return tr("State", "consumer group state");
        case ProtocolType: return tr("Type", "group protocol type, e.g. consumer");
        case Protocol: return tr("Assignor", "the group's chosen protocol, e.g. range");
        case Members: return tr("Members");
        case Lag: return tr("Lag", "records behind");
        case LagTime: return tr("Lag (time)");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Lag: return tr("Records not yet consumed: end offset minus committed offset, summed over partitions");
        case LagTime: return tr("How long the oldest record not yet consumed has waited, worst partition");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((section == Members || section == Lag || section == LagTime ? Qt::AlignRight : Qt::AlignLeft)
                                   | Qt::AlignVCenter);
    return {};
}

int GroupsModel::rowOf(const QString &groupId) const
{
    const std::string id = groupId.toStdString();
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), id,
                                     [](const Row &row, const std::string &k) { return row.groupId < k; });
    return it != m_rows.end() && it->groupId == id ? static_cast<int>(it - m_rows.begin()) : -1;
}

void GroupsModel::onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    applySnapshot(*snapshot);
}

void GroupsModel::applySnapshot(const GroupsSnapshot &snapshot)
{
    std::vector<Row> next;
    next.reserve(snapshot.groups.size());
    for (const GroupInfo &group : snapshot.groups) {
        Row row;
        row.groupId = group.groupId;
        row.state = QString::fromStdString(group.state);
        row.protocolType = QString::fromStdString(group.protocolType);
        row.protocol = QString::fromStdString(group.protocol);
        row.members = static_cast<int>(group.members.size());
        row.lag = group.totalLag();
        row.lagMs = group.maxLagMs();
        row.errorCode = group.errorCode;
        next.push_back(std::move(row));
    }
    std::stable_sort(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.groupId < b.groupId; });
    next.erase(std::unique(next.begin(), next.end(), [](const Row &a, const Row &b) { return a.groupId == b.groupId; }),
               next.end());
    applyKeyedRowsDiff(m_rows, std::move(next), [](const Row &r) -> const std::string & { return r.groupId; },
                       RowDiffHooks{[this](int f, int l) { beginRemoveRows({}, f, l); }, [this] { endRemoveRows(); },
                                    [this](int f, int l) { beginInsertRows({}, f, l); }, [this] { endInsertRows(); },
                                    [this](int f, int l) { emit dataChanged(index(f, 0), index(l, ColumnCount - 1)); }});
}
