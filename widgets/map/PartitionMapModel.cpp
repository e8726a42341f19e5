#include "PartitionMapModel.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "ClusterSession.h"
#include "KeyedRowsDiff.h"
#include "units.h"

namespace {

// Worse states win when a topic row sums up its partitions.
int severity(PartitionMapModel::CellState state)
{
    using S = PartitionMapModel::CellState;
    switch (state) {
    case S::None: return 0;
    case S::InSyncFollower: return 1;
    case S::Leader: return 2;
    case S::OutOfSync: return 3;
    case S::Offline: return 4;
    }
    return 0;
}

}  // namespace

PartitionMapModel::PartitionMapModel(ClusterSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    if (session)
        connect(session, &ClusterSession::snapshotReady, this, &PartitionMapModel::onSnapshotReady);
}

int PartitionMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PartitionMapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstBrokerColumn + static_cast<int>(m_brokers.size());
}

QString PartitionMapModel::stateName(CellState state)
{
    switch (state) {
    case CellState::None: return {};
    case CellState::Leader: return tr("Leader");
    case CellState::InSyncFollower: return tr("In sync", "a follower replica in the ISR");
    case CellState::OutOfSync: return tr("Out of sync", "a replica not in the ISR");
    case CellState::Offline: return tr("Offline", "replica");
    }
    return {};
}

const PartitionMapModel::Cell *PartitionMapModel::cellAt(const QModelIndex &index) const
{
    if (index.column() < FirstBrokerColumn)
        return nullptr;
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    return &row.cells[static_cast<std::size_t>(index.column() - FirstBrokerColumn)];
}

QString PartitionMapModel::cellText(const Row &row, const Cell &cell) const
{
    if (row.partition >= 0)
        return stateName(cell.state);
    if (cell.replicas == 0)
        return {};
    // "L 3 · R 9": partitions led, replicas held; then the ones that need attention.
    QString text = tr("L %1 · R %2", "leaders and replicas on a broker").arg(cell.leaders).arg(cell.replicas);
    if (cell.outOfSync > 0)
        text += tr(" · %1 out of sync").arg(cell.outOfSync);
    if (cell.offline > 0)
        text += tr(" · %1 offline").arg(cell.offline);
    return text;
}

QString PartitionMapModel::cellToolTip(const Row &row, const Cell &cell, int brokerId) const
{
    if (row.partition >= 0) {
        switch (cell.state) {
        case CellState::None: return tr("Broker %1 holds no replica of %2-%3").arg(brokerId).arg(row.displayTopic).arg(row.partition);
        case CellState::Leader: return tr("Broker %1 leads %2-%3").arg(brokerId).arg(row.displayTopic).arg(row.partition);
        case CellState::InSyncFollower:
            return tr("Broker %1 is an in-sync follower of %2-%3").arg(brokerId).arg(row.displayTopic).arg(row.partition);
        case CellState::OutOfSync:
            return tr("Broker %1 holds a replica of %2-%3 that is not in the ISR (behind the leader)")
                .arg(brokerId)
                .arg(row.displayTopic)
                .arg(row.partition);
        case CellState::Offline:
            return tr("Broker %1 holds a replica of %2-%3 that is offline (broker down, or the partition has no leader)")
                .arg(brokerId)
                .arg(row.displayTopic)
                .arg(row.partition);
        }
        return {};
    }
    return tr("Broker %1, topic %2:\nleads %3 of %4 partitions\nholds %5 replicas (leaders included)\n"
              "%6 out of sync, %7 offline")
        .arg(brokerId)
        .arg(row.displayTopic)
        .arg(cell.leaders)
        .arg(row.partitions)
        .arg(cell.replicas)
        .arg(cell.outOfSync)
        .arg(cell.offline);
}

QVariant PartitionMapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const Cell *cell = cellAt(index);
    const int brokerId = cell ? m_brokers[static_cast<std::size_t>(index.column() - FirstBrokerColumn)].id : -1;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Topic)
            return row.displayTopic;
        if (index.column() == Partition)
            return row.partition >= 0 ? QVariant(row.partition)
                                      : QVariant(tr("%Ln partition(s)", "a topic row of the map", row.partitions));
        return cellText(row, *cell);
    case Qt::ToolTipRole: return cell ? QVariant(cellToolTip(row, *cell, brokerId)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Topic)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        if (index.column() == Partition)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignCenter);
    case CellStateRole: return cell ? QVariant(static_cast<int>(cell->state)) : QVariant();
    case LeadersRole: return cell ? QVariant(cell->leaders) : QVariant();
    case ReplicasRole: return cell ? QVariant(cell->replicas) : QVariant();
    case OutOfSyncRole: return cell ? QVariant(cell->outOfSync) : QVariant();
    case OfflineRole: return cell ? QVariant(cell->offline) : QVariant();
    case BrokerIdRole: return brokerId;
    case TopicNameRole: return row.displayTopic;
    case PartitionRole: return row.partition;
    case AggregatedRole: return row.partition < 0;
    default: return {};
    }
}

QVariant PartitionMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (section < FirstBrokerColumn) {
        if (role == Qt::DisplayRole)
            return section == Topic ? tr("Topic") : tr("Partition");
        if (role == Qt::ToolTipRole && section == Partition && m_aggregated)
            return tr("Rows sum up whole topics: too many partitions to show one row each");
        return {};
    }
    const BrokerColumn &broker = m_brokers[static_cast<std::size_t>(section - FirstBrokerColumn)];
    switch (role) {
    case Qt::DisplayRole:
        // Two lines: who, and what it carries now (so a node that stops shows its leaders going to zero).
        return (broker.online ? tr("Broker %1").arg(broker.id) : tr("Broker %1 (offline)").arg(broker.id)) +
               QLatin1Char('\n') +
               tr("%Ln leader(s)", "on a broker", broker.leaders) + QStringLiteral(" · ") +
               tr("%Ln replica(s)", "on a broker", broker.replicas);
    case Qt::ToolTipRole: {
        QString text = broker.online ? tr("Broker %1 at %2").arg(broker.id).arg(broker.address)
                                     : tr("Broker %1: not in the cluster's metadata now").arg(broker.id);
        if (!broker.rack.isEmpty())
            text += QLatin1Char('\n') + tr("Rack: %1").arg(broker.rack);
        text += QLatin1Char('\n') + tr("Leads %1 partitions, holds %2 replicas; %3 out of sync, %4 offline")
                                        .arg(broker.leaders)
                                        .arg(broker.replicas)
                                        .arg(broker.outOfSync)
                                        .arg(broker.offline);
        return text;
    }
    case BrokerIdRole: return broker.id;
    case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignCenter);
    default: return {};
    }
}

void PartitionMapModel::setAggregation(Aggregation aggregation)
{
    if (m_aggregation == aggregation)
        return;
    m_aggregation = aggregation;
    rebuild();
}

int PartitionMapModel::rowOf(const QString &topic, int partition) const
{
    const std::string name = topic.toStdString();
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), std::tie(name, partition),
                                     [](const Row &row, const auto &key) { return std::tie(row.topic, row.partition) < key; });
    return it != m_rows.end() && it->topic == name && it->partition == partition ? static_cast<int>(it - m_rows.begin())
                                                                                 : -1;
}

int PartitionMapModel::columnOf(int brokerId) const
{
    const auto it = std::lower_bound(m_brokers.begin(), m_brokers.end(), brokerId,
                                     [](const BrokerColumn &b, int id) { return b.id < id; });
    return it != m_brokers.end() && it->id == brokerId ? FirstBrokerColumn + static_cast<int>(it - m_brokers.begin()) : -1;
}

void PartitionMapModel::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    m_snapshot = std::move(snapshot);
    rebuild();
}

void PartitionMapModel::applySnapshot(const sluice::client::cluster_snapshot &snapshot)
{
    m_snapshot = std::make_shared<const sluice::client::cluster_snapshot>(snapshot);
    rebuild();
}

// Columns only ever grow: a broker that leaves the metadata keeps its column, marked offline, so the cells of a
// node that stops change in place instead of the whole grid shifting left.
void PartitionMapModel::updateBrokers(const sluice::client::cluster_snapshot &snapshot)
{
    std::vector<int> ids;
    for (const auto &b : snapshot.brokers)
        ids.push_back(b.node_id);
    for (const auto &t : snapshot.topics)
        for (const auto &p : t.partitions)
            ids.insert(ids.end(), p.replicas.begin(), p.replicas.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (const int id : ids) {
        if (columnOf(id) >= 0)
            continue;
        const auto at = std::lower_bound(m_brokers.begin(), m_brokers.end(), id,
                                         [](const BrokerColumn &b, int v) { return b.id < v; });
        const int offset = static_cast<int>(at - m_brokers.begin());
        beginInsertColumns({}, FirstBrokerColumn + offset, FirstBrokerColumn + offset);
        BrokerColumn column;
        column.id = id;
        m_brokers.insert(at, column);
        for (Row &row : m_rows)
            row.cells.insert(row.cells.begin() + offset, Cell{});
        endInsertColumns();
    }
}

std::vector<PartitionMapModel::Row> PartitionMapModel::rowsFrom(const sluice::client::cluster_snapshot &snapshot,
                                                                bool aggregated) const
{
    std::unordered_set<int32_t> live;
    for (const auto &b : snapshot.brokers)
        live.insert(b.node_id);
    std::unordered_map<int32_t, std::size_t> columnIndex;
    for (std::size_t i = 0; i < m_brokers.size(); ++i)
        columnIndex[m_brokers[i].id] = i;

    std::vector<Row> rows;
    rows.reserve(aggregated ? snapshot.topics.size() : static_cast<std::size_t>(m_partitionCount));
    for (const auto &topic : snapshot.topics) {
        const QString displayTopic = QString::fromStdString(topic.name);
        Row topicRow;
        if (aggregated) {
            topicRow.topic = topic.name;
            topicRow.displayTopic = displayTopic;
            topicRow.partitions = static_cast<int>(topic.partitions.size());
            topicRow.cells.resize(m_brokers.size());
        }
        for (const auto &p : topic.partitions) {
            Row partitionRow;
            if (!aggregated) {
                partitionRow.topic = topic.name;
                partitionRow.partition = p.partition;
                partitionRow.displayTopic = displayTopic;
                partitionRow.cells.resize(m_brokers.size());
            }
            std::vector<Cell> &cells = aggregated ? topicRow.cells : partitionRow.cells;
            const bool leaderless = p.leader < 0 || !live.count(p.leader);
            for (const int32_t replica : p.replicas) {
                Cell &cell = cells[columnIndex.at(replica)];
                CellState state;
                if (!live.count(replica) || leaderless)
                    state = CellState::Offline;
                else if (replica == p.leader)
                    state = CellState::Leader;
                else if (std::find(p.isr.begin(), p.isr.end(), replica) != p.isr.end())
                    state = CellState::InSyncFollower;
                else
                    state = CellState::OutOfSync;
                ++cell.replicas;
                cell.leaders += state == CellState::Leader ? 1 : 0;
                cell.outOfSync += state == CellState::OutOfSync ? 1 : 0;
                cell.offline += state == CellState::Offline ? 1 : 0;
                if (severity(state) > severity(cell.state))
                    cell.state = state;
            }
            if (!aggregated)
                rows.push_back(std::move(partitionRow));
        }
        if (aggregated)
            rows.push_back(std::move(topicRow));
    }
    const auto keyLess = [](const Row &a, const Row &b) { return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition); };
    std::sort(rows.begin(), rows.end(), keyLess);
    rows.erase(std::unique(rows.begin(), rows.end(), [&](const Row &a, const Row &b) { return !keyLess(a, b) && !keyLess(b, a); }),
               rows.end());
    return rows;
}

void PartitionMapModel::rebuild()
{
    if (!m_snapshot)
        return;
    const auto &snapshot = *m_snapshot;
    updateBrokers(snapshot);

    int partitions = 0;
    for (const auto &t : snapshot.topics)
        partitions += static_cast<int>(t.partitions.size());
    m_partitionCount = partitions;
    const bool aggregated = m_aggregation == Aggregation::PerTopic ||
                            (m_aggregation == Aggregation::Automatic && partitions > AggregateAbove);

    // Per-broker totals for the headers.
    std::unordered_set<int32_t> live;
    for (const auto &b : snapshot.brokers)
        live.insert(b.node_id);
    std::vector<BrokerColumn> brokers = m_brokers;
    for (BrokerColumn &b : brokers) {
        b.online = live.count(b.id) > 0;
        b.leaders = b.replicas = b.outOfSync = b.offline = 0;
        for (const auto &info : snapshot.brokers)
            if (info.node_id == b.id) {
                b.address = QString::fromStdString(info.host) + QLatin1Char(':') + QString::number(info.port);
                b.rack = info.rack ? QString::fromStdString(*info.rack) : QString();
            }
    }

    std::vector<Row> next = rowsFrom(snapshot, aggregated);
    // Header totals from the rows just built (every replica lands in exactly one row's cell).
    for (const Row &row : next)
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            brokers[c].leaders += row.cells[c].leaders;
            brokers[c].replicas += row.cells[c].replicas;
            brokers[c].outOfSync += row.cells[c].outOfSync;
            brokers[c].offline += row.cells[c].offline;
        }

    if (aggregated != m_aggregated) {
        // A different kind of row: nothing to diff against.
        beginResetModel();
        m_aggregated = aggregated;
        m_rows = std::move(next);
        m_brokers = std::move(brokers);
        endResetModel();
        return;
    }
    const int lastColumn = columnCount() - 1;
    applyKeyedRowsDiff(m_rows, std::move(next), [](const Row &row) { return std::tie(row.topic, row.partition); },
                       RowDiffHooks{
                           [this](int first, int last) { beginRemoveRows({}, first, last); },
                           [this] { endRemoveRows(); },
                           [this](int first, int last) { beginInsertRows({}, first, last); },
                           [this] { endInsertRows(); },
                           [this, lastColumn](int first, int last) { emit dataChanged(index(first, 0), index(last, lastColumn)); },
                       });
    if (brokers != m_brokers) {
        m_brokers = std::move(brokers);
        emit headerDataChanged(Qt::Horizontal, FirstBrokerColumn, lastColumn);
    }
}
