#include "BrokersModel.h"

#include <algorithm>
#include <set>

#include <QApplication>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QStringList>
#include <QStyle>

#include "ClusterSession.h"
#include "KeyedRowsDiff.h"
#include "units.h"

namespace {

// "12:03:04", with the date in front when it is not today.
QString formatSeen(qint64 msSinceEpoch)
{
    const QLocale locale;
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    const QString time = locale.toString(when.time(), locale.timeFormat(QLocale::LongFormat).remove(QLatin1Char('t')).trimmed());
    if (when.date() == QDate::currentDate())
        return time;
    return locale.toString(when.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

}  // namespace

BrokersModel::BrokersModel(ClusterSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    if (session)
        connect(session, &ClusterSession::snapshotReady, this, &BrokersModel::onSnapshotReady);
}

int BrokersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BrokersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BrokersModel::statusText(const BrokerRow &row) const
{
    if (row.online && row.local && !row.local->running())
        return tr("Down, not yet fenced", "broker: a stopped local node the metadata still lists");
    if (row.online)
        return tr("Online", "broker");
    if (row.lastSeenMs < 0)
        return tr("Offline (never seen)", "broker named by replicas but not in metadata");
    return tr("Offline since %1", "broker; last seen at a time").arg(formatSeen(row.lastSeenMs));
}

QString BrokersModel::quorumText(const BrokerRow &row) const
{
    switch (row.quorum) {
    case QuorumRole::Unknown: return tr("—", "value not known");
    case QuorumRole::None: return tr("not a member", "of the metadata quorum");
    case QuorumRole::Voter: return row.quorumLeader ? tr("voter (leader)", "metadata quorum") : tr("voter", "metadata quorum");
    case QuorumRole::Observer: return tr("observer", "metadata quorum");
    }
    return {};
}

QString BrokersModel::localNodeText(const BrokerRow &row) const
{
    if (!row.local)
        return tr("—", "not a node of the local cluster");
    const LocalNodeState &local = *row.local;
    QStringList parts;
    switch (local.process) {
    case LocalNodeState::Process::Running: parts << tr("running", "local node"); break;
    case LocalNodeState::Process::Stopped: parts << tr("stopped", "local node"); break;
    case LocalNodeState::Process::Killed: parts << tr("killed", "local node, stopped as by a crash"); break;
    }
    if (local.isolated)
        parts << tr("cut off", "local node, links to the other nodes cut");
    if (local.latencyMs > 0)
        parts << tr("+%1 ms to peers", "local node, latency added to its links").arg(local.latencyMs);
    if (local.clientConnections > 0)
        parts << tr("%n client(s)", "open client connections", local.clientConnections);
    return parts.join(QStringLiteral("  ·  "));
}

QVariant BrokersModel::rawValue(const BrokerRow &row, int column) const
{
    switch (column) {
    case Id: return row.id;
    case Address: return row.address;
    case Rack: return row.rack;
    case Status: return row.online;
    case LocalNode: return row.local ? static_cast<int>(row.local->process) : -1;
    case Role: return row.controller;
    case Quorum: return static_cast<int>(row.quorum) * 2 + (row.quorumLeader ? 1 : 0);
    case QuorumLag: return row.quorumLag;
    case Leaders: return row.leaders;
    case Replicas: return row.replicas;
    case LogDirSize: return row.logDirBytes;
    default: return {};
    }
}

QVariant BrokersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BrokerRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Id: return row.id;
        case Address: return row.address.isEmpty() ? tr("—", "value not known") : row.address;
        case Rack: return row.rack.isEmpty() ? tr("—", "no rack") : row.rack;
        case Status: return statusText(row);
        case LocalNode: return localNodeText(row);
        case Role: return row.controller ? tr("Active controller") : tr("Broker");
        case Quorum: return quorumText(row);
        case QuorumLag: return row.quorumLag < 0 ? tr("—", "value not known") : Units::formatCount(row.quorumLag);
        case Leaders: return Units::formatCount(row.leaders);
        case Replicas: return Units::formatCount(row.replicas);
        case LogDirSize: return row.logDirBytes < 0 ? tr("—", "value not known") : Units::formatBytes(row.logDirBytes);
        default: return {};
        }
    case Qt::DecorationRole:
        if (column == Status) {
            if (row.online && row.local && !row.local->running())
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            return QApplication::style()->standardIcon(row.online ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical);
        }
        return {};
    case Qt::ForegroundRole:
        if (!row.online || (column == LocalNode && row.local && (!row.local->running() || row.local->isolated)))
            return QColor(0xb0, 0x10, 0x20);
        return {};
    case Qt::FontRole:
        if (!row.online || (column == Role && row.controller)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Id || column == QuorumLag || column == Leaders || column == Replicas || column == LogDirSize)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == Status && !row.online)
            return tr("The broker is not in the cluster's metadata now; its replicas are offline");
        if (column == Status && row.local && !row.local->running())
            return tr("The node does not run, but the cluster's metadata still lists it until the controller fences it "
                      "(no heartbeat for broker.session.timeout.ms); then it shows offline");
        if (column == LocalNode)
            return localNodeText(row);  // the whole text when the column is narrow
        if (column == QuorumLag && row.quorumLag >= 0)
            return tr("Metadata records this replica is behind the quorum leader");
        if (column == LogDirSize && row.logDirBytes >= 0 && !row.online)
            return tr("As last reported, before the broker went offline");
        return {};
    case RawValueRole: return rawValue(row, column);
    case BrokerIdRole: return row.id;
    case OnlineRole: return row.online;
    case LastSeenRole: return row.lastSeenMs;
    case LocalRunningRole: return row.local ? QVariant(row.local->running()) : QVariant();
    default: return {};
    }
}

QVariant BrokersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Id: return tr("Broker", "broker id");
        case Address: return tr("Address", "host:port");
        case Rack: return tr("Rack");
        case Status: return tr("Status", "broker online or offline");
        case LocalNode: return tr("Local node", "what the app did to this node of its local cluster");
        case Role: return tr("Role", "controller or broker");
        case Quorum: return tr("Quorum", "metadata quorum role");
        case QuorumLag: return tr("Quorum lag");
        case Leaders: return tr("Leaders", "partitions led");
        case Replicas: return tr("Replicas", "partition replicas hosted");
        case LogDirSize: return tr("Size", "bytes of the broker's partitions on disk");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Role: return tr("The active controller manages the cluster's metadata (the quorum leader)");
        case Quorum: return tr("Voters elect the controller and replicate the metadata log; observers only follow it");
        case QuorumLag: return tr("Metadata log records behind the quorum leader (from DescribeQuorum)");
        case Leaders: return tr("Partitions this broker leads");
        case Replicas: return tr("Partition replicas this broker hosts, led or followed");
        case Status: return tr("Online while the cluster's metadata lists the broker");
        case LocalNode: return tr("What Sluice did to this node of its local cluster; Status is what the cluster's "
                                  "metadata says, which follows after a moment");
        case LogDirSize: return tr("Bytes of the broker's partition replicas in its log directories (DescribeLogDirs)");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (section == Id || section == QuorumLag || section == Leaders || section == Replicas || section == LogDirSize)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

int BrokersModel::rowOf(int brokerId) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), brokerId,
                                     [](const BrokerRow &row, int id) { return row.id < id; });
    return it != m_rows.end() && it->id == brokerId ? static_cast<int>(it - m_rows.begin()) : -1;
}

QString BrokersModel::quorumSummary() const
{
    if (!m_quorum)
        return tr("Metadata quorum: not reported by this cluster (no DescribeQuorum)");
    return tr("Metadata quorum: leader %1  ·  epoch %2  ·  high watermark %3")
        .arg(m_quorum->leader_id < 0 ? tr("none", "no quorum leader") : QString::number(m_quorum->leader_id))
        .arg(m_quorum->leader_epoch)
        .arg(Units::formatCount(m_quorum->high_watermark));
}

std::vector<BrokersModel::BrokerRow> BrokersModel::rowsFrom(const sluice::client::cluster_snapshot &snapshot)
{
    const qint64 now = snapshot.taken_at_ms > 0 ? snapshot.taken_at_ms : QDateTime::currentMSecsSinceEpoch();
    std::set<int> online;
    for (const auto &broker : snapshot.brokers) {
        Known &known = m_known[broker.node_id];
        known.address = QString::fromStdString(broker.host) + QLatin1Char(':') + QString::number(broker.port);
        known.rack = broker.rack ? QString::fromStdString(*broker.rack) : QString();
        known.lastSeenMs = now;
        if (broker.log_dir_bytes >= 0)
            known.logDirBytes = broker.log_dir_bytes;
        online.insert(broker.node_id);
    }
    std::map<int, BrokerRow> rows;
    const auto rowFor = [&](int id) -> BrokerRow & {
        BrokerRow &row = rows[id];
        if (row.id < 0) {
            row.id = id;
            if (const auto it = m_known.find(id); it != m_known.end()) {
                row.address = it->second.address;
                row.rack = it->second.rack;
                row.lastSeenMs = it->second.lastSeenMs;
                row.logDirBytes = it->second.logDirBytes;
            }
            if (const auto local = m_local.find(id); local != m_local.end())
                row.local = local->second;
            row.online = online.count(id) > 0;
            row.controller = row.online && id == snapshot.controller_id;
            if (snapshot.quorum)
                row.quorum = QuorumRole::None;
        }
        return row;
    };
    for (const auto &[id, known] : m_known)
        rowFor(id);
    for (const auto &[id, local] : m_local)
        rowFor(id);
    // Brokers named by replicas or by the quorum but absent from the metadata are offline, too.
    for (const auto &topic : snapshot.topics) {
        for (const auto &partition : topic.partitions) {
            if (partition.leader >= 0)
                ++rowFor(partition.leader).leaders;
            for (const int32_t replica : partition.replicas)
                ++rowFor(replica).replicas;
        }
    }
    if (snapshot.quorum) {
        const auto &quorum = *snapshot.quorum;
        int64_t leaderEnd = quorum.high_watermark;
        for (const auto &voter : quorum.voters)
            if (voter.replica_id == quorum.leader_id)
                leaderEnd = std::max(leaderEnd, voter.log_end_offset);
        const auto place = [&](const sluice::client::quorum_replica &replica, QuorumRole role) {
            BrokerRow &row = rowFor(replica.replica_id);
            row.quorum = role;
            row.quorumLeader = role == QuorumRole::Voter && replica.replica_id == quorum.leader_id;
            row.quorumLag = replica.log_end_offset < 0 ? -1 : std::max<qint64>(0, leaderEnd - replica.log_end_offset);
        };
        for (const auto &voter : quorum.voters)
            place(voter, QuorumRole::Voter);
        for (const auto &observer : quorum.observers)
            place(observer, QuorumRole::Observer);
    }
    std::vector<BrokerRow> sorted;
    sorted.reserve(rows.size());
    for (auto &[id, row] : rows)
        sorted.push_back(std::move(row));
    return sorted;
}

void BrokersModel::setLocalNodeStates(const LocalNodeStates &states)
{
    if (states == m_local)
        return;
    m_local = states;
    for (int row = 0; row < rowCount(); ++row) {
        BrokerRow &r = m_rows[static_cast<std::size_t>(row)];
        const auto it = m_local.find(r.id);
        std::optional<LocalNodeState> local = it != m_local.end() ? std::optional(it->second) : std::nullopt;
        if (local == r.local)
            continue;
        r.local = std::move(local);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    emit localNodeStatesChanged();
}

const LocalNodeState *BrokersModel::localNodeState(int brokerId) const
{
    const auto it = m_local.find(brokerId);
    return it != m_local.end() ? &it->second : nullptr;
}

bool BrokersModel::hasLinkFaults() const
{
    return std::any_of(m_local.begin(), m_local.end(),
                       [](const auto &entry) { return entry.second.isolated || entry.second.latencyMs > 0; });
}

void BrokersModel::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    applySnapshot(*snapshot);
}

void BrokersModel::applySnapshot(const sluice::client::cluster_snapshot &snapshot)
{
    applyKeyedRowsDiff(m_rows, rowsFrom(snapshot), [](const BrokerRow &row) { return row.id; },
                       RowDiffHooks{[this](int f, int l) { beginRemoveRows({}, f, l); }, [this] { endRemoveRows(); },
                                    [this](int f, int l) { beginInsertRows({}, f, l); }, [this] { endInsertRows(); },
                                    [this](int f, int l) { emit dataChanged(index(f, 0), index(l, ColumnCount - 1)); }});
    const QString before = quorumSummary();
    m_quorum = snapshot.quorum;
    if (quorumSummary() != before)
        emit quorumSummaryChanged(quorumSummary());
}
