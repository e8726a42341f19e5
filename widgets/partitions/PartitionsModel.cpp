#include "PartitionsModel.h"

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include <QApplication>
#include <QColor>
#include <QFont>
#include <QStyle>

#include "ClusterSession.h"
#include "KeyedRowsDiff.h"
#include "units.h"

namespace {

QString joinIds(const std::vector<int32_t> &ids)
{
    QString text;
    for (const int32_t id : ids) {
        if (!text.isEmpty())
            text += QLatin1String(", ");
        text += QString::number(id);
    }
    return text;
}

}  // namespace

PartitionsModel::PartitionsModel(ClusterSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    if (session)
        connect(session, &ClusterSession::snapshotReady, this, &PartitionsModel::onSnapshotReady);
}

int PartitionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PartitionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PartitionsModel::statusText(int health) const
{
    if (health & Offline)
        return tr("Offline", "partition without a leader");
    if (health & UnderReplicated)
        return tr("Under-replicated");
    if (health & NotPreferredLeader)
        return tr("Leader not preferred");
    return tr("OK", "healthy partition");
}

QVariant PartitionsModel::rawValue(const PartitionRow &row, int column) const
{
    switch (column) {
    case Topic: return row.displayTopic;
    case Partition: return row.partition;
    case Status: return row.health;
    case Leader: return row.leader;
    case Replicas: return row.replicas;
    case Isr: return row.isr;
    case OfflineReplicas: return row.offlineCount;
    case StartOffset: return row.startOffset;
    case HighWatermark: return row.highWatermark;
    case LogEndOffset: return row.logEndOffset;
    case Size: return row.sizeBytes;
    default: return {};
    }
}

QVariant PartitionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PartitionRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const bool alarming = row.health & (Offline | UnderReplicated);

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Topic: return row.displayTopic;
        case Partition: return row.partition;
        case Status: return statusText(row.health);
        case Leader: return row.leader < 0 ? tr("none", "no partition leader") : QString::number(row.leader);
        case Replicas: return row.replicas;
        case Isr: return row.isr;
        case OfflineReplicas: return row.offlineReplicas;
        case StartOffset:
        case HighWatermark:
        case LogEndOffset: {
            const qint64 value = column == StartOffset ? row.startOffset
                                 : column == HighWatermark ? row.highWatermark
                                                           : row.logEndOffset;
            return value < 0 ? tr("—", "value not known") : Units::formatCount(value);
        }
        case Size: return row.sizeBytes < 0 ? tr("—", "value not known") : Units::formatBytes(row.sizeBytes);
        default: return {};
        }
    case Qt::DecorationRole:
        if (column == Status && alarming)
            return QApplication::style()->standardIcon(row.health & Offline ? QStyle::SP_MessageBoxCritical
                                                                            : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ForegroundRole:
        if (row.health & Offline)
            return QColor(0xb0, 0x10, 0x20);
        if (row.health & UnderReplicated)
            return QColor(0x9a, 0x55, 0x00);
        return {};
    case Qt::FontRole:
        if (alarming) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Topic || column == Status || column == Replicas || column == Isr || column == OfflineReplicas)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (row.errorCode != 0)
            return tr("The cluster reported Kafka error code %1 for this partition").arg(row.errorCode);
        if (column == Status || column == Leader) {
            QStringList lines;
            if (row.health & Offline)
                lines << (row.leader < 0 ? tr("No leader: producers and consumers cannot use this partition")
                                         : tr("The leader, broker %1, is not among the live brokers").arg(row.leader));
            if (row.health & UnderReplicated)
                lines << tr("Fewer in-sync replicas (%1) than replicas (%2)").arg(row.isr, row.replicas);
            if (row.health & NotPreferredLeader)
                lines << tr("Led by broker %1, not by its preferred leader (the first replica)").arg(row.leader);
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
        }
        if (column == LogEndOffset && row.logEndOffset > row.highWatermark && row.highWatermark >= 0)
            return tr("%1 records on the leader are not yet on every in-sync replica, so consumers cannot read them yet")
                .arg(Units::formatCount(row.logEndOffset - row.highWatermark));
        if (column == Size && row.sizeBytes >= 0)
            return tr("%1 bytes on the leader").arg(Units::formatCount(row.sizeBytes));
        return {};
    case RawValueRole: return rawValue(row, column);
    case TopicNameRole: return row.displayTopic;
    case HealthRole: return row.health;
    default: return {};
    }
}

QVariant PartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Topic: return tr("Topic");
        case Partition: return tr("Partition");
        case Status: return tr("Status", "partition health");
        case Leader: return tr("Leader");
        case Replicas: return tr("Replicas", "replica broker ids");
        case Isr: return tr("ISR", "in-sync replicas");
        case OfflineReplicas: return tr("Offline replicas");
        case StartOffset: return tr("Log start", "log start offset");
        case HighWatermark: return tr("High watermark");
        case LogEndOffset: return tr("Log end (LEO)", "log end offset");
        case Size: return tr("Size", "bytes on disk");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Leader: return tr("The broker that serves produce and fetch for the partition");
        case Replicas: return tr("Brokers holding a copy, in assignment order; the first is the preferred leader");
        case Isr: return tr("In-sync replicas: replicas caught up with the leader");
        case OfflineReplicas: return tr("Replicas on brokers that are not in the cluster's metadata now");
        case StartOffset: return tr("Log start offset: the first offset still retained");
        case HighWatermark:
            return tr("High watermark: consumers read up to here; records below it are on every in-sync replica");
        case LogEndOffset:
            return tr("Log end offset (LEO) on the leader: the offset the next record will get. Ahead of the high "
                      "watermark while followers catch up. From DescribeLogDirs; — when the leader does not report it");
        case Size: return tr("Size of the leader's replica on disk (DescribeLogDirs)");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (section == Topic || section == Status || section == Replicas || section == Isr || section == OfflineReplicas)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

int PartitionsModel::rowOf(const QString &topic, int partition) const
{
    const auto key = std::make_tuple(topic.toStdString(), partition);
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), key, [](const PartitionRow &row, const auto &k) {
        return std::tie(row.topic, row.partition) < std::tie(std::get<0>(k), std::get<1>(k));
    });
    return it != m_rows.end() && it->topic == std::get<0>(key) && it->partition == partition
               ? static_cast<int>(it - m_rows.begin())
               : -1;
}

std::vector<PartitionsModel::PartitionRow> PartitionsModel::rowsFrom(const sluice::client::cluster_snapshot &snapshot)
{
    std::unordered_set<int32_t> live;
    for (const auto &broker : snapshot.brokers)
        live.insert(broker.node_id);

    std::vector<PartitionRow> rows;
    for (const auto &topic : snapshot.topics) {
        const QString displayTopic = QString::fromStdString(topic.name);
        for (const auto &p : topic.partitions) {
            PartitionRow row;
            row.topic = topic.name;
            row.partition = p.partition;
            row.displayTopic = displayTopic;
            row.leader = p.leader;
            row.replicas = joinIds(p.replicas);
            row.isr = joinIds(p.isr);
            std::vector<int32_t> offline;
            for (const int32_t replica : p.replicas)
                if (!live.count(replica))
                    offline.push_back(replica);
            row.offlineReplicas = joinIds(offline);
            row.offlineCount = static_cast<int>(offline.size());
            row.startOffset = p.start_offset;
            row.highWatermark = p.end_offset;
            row.logEndOffset = p.log_end_offset;
            row.sizeBytes = p.size_bytes;
            row.errorCode = p.error != 0 ? p.error : topic.error;
            int health = Healthy;
            if (p.leader < 0 || !live.count(p.leader))  // no leader, or one that is not a live broker
                health |= Offline;
            if (p.isr.size() < p.replicas.size())
                health |= UnderReplicated;
            if (p.leader >= 0 && !p.replicas.empty() && p.leader != p.replicas.front())
                health |= NotPreferredLeader;
            if (!offline.empty())
                health |= ReplicasOffline;
            row.health = health;
            rows.push_back(std::move(row));
        }
    }
    const auto keyLess = [](const PartitionRow &a, const PartitionRow &b) {
        return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
    };
    std::stable_sort(rows.begin(), rows.end(), keyLess);
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [&](const PartitionRow &a, const PartitionRow &b) { return !keyLess(a, b) && !keyLess(b, a); }),
               rows.end());
    return rows;
}

void PartitionsModel::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    applySnapshot(*snapshot);
}

void PartitionsModel::applySnapshot(const sluice::client::cluster_snapshot &snapshot)
{
    applyKeyedRowsDiff(m_rows, rowsFrom(snapshot), [](const PartitionRow &row) { return std::tie(row.topic, row.partition); },
                       RowDiffHooks{
                           [this](int first, int last) { beginRemoveRows({}, first, last); },
                           [this] { endRemoveRows(); },
                           [this](int first, int last) { beginInsertRows({}, first, last); },
                           [this] { endInsertRows(); },
                           [this](int first, int last) { emit dataChanged(index(first, 0), index(last, ColumnCount - 1)); },
                       });
}
