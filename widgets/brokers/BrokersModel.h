// BrokersModel: one row per broker of the cluster, with its role, the partitions it leads and hosts, and its place
// in the metadata quorum; a broker that leaves the metadata stays listed as offline with the time it was last seen.
#pragma once
#include <map>
#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QPointer>

#include "LocalNodeState.h"
#include "SnapshotProvider.h"

class ClusterSession;

class BrokersModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokersModel)

public:
    enum Column
    {
        Id,
        Address,      // host:port
        Rack,
        Status,       // online, or offline since when
        LocalNode,    // the embedded cluster only: running, stopped, killed, cut off, slowed (LocalNodeState)
        Role,         // active controller or broker
        Leaders,      // partitions led
        Replicas,     // partition replicas hosted
        LogDirSize,   // bytes of its partitions on disk (DescribeLogDirs)
        Quorum,       // voter or observer of the metadata quorum
        QuorumLag,    // quorum high watermark minus this replica's metadata log end offset
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,  // unformatted value: int, qint64 (-1 = unknown), QString or bool
        BrokerIdRole,                 // the broker's node id, for any column
        OnlineRole,                   // bool: in the latest snapshot's metadata
        LastSeenRole,                 // qint64 ms since the epoch of the last snapshot that listed it; -1 never
        LocalRunningRole              // bool: a node of the embedded cluster that runs (invalid: not a local node)
    };

    // session may be null (tests feed snapshots through applySnapshot()).
    explicit BrokersModel(ClusterSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row of the broker, or -1.
    int rowOf(int brokerId) const;
    // One line on the metadata quorum: leader, epoch and high watermark, or that the cluster does not report it.
    QString quorumSummary() const;
    // The metadata quorum's leader (the active controller) as DescribeQuorum last said; -1: none or not reported.
    int quorumLeader() const { return m_quorum ? m_quorum->leader_id : -1; }

    // What the app did to the nodes of its embedded cluster (none for a remote cluster): the LocalNode column.
    void setLocalNodeStates(const LocalNodeStates &states);
    bool hasLocalNodes() const { return !m_local.empty(); }
    const LocalNodeState *localNodeState(int brokerId) const;
    int localNodeCount() const { return static_cast<int>(m_local.size()); }
    bool hasLinkFaults() const;  // a local node cut off or slowed

signals:
    void quorumSummaryChanged(const QString &summary);
    void localNodeStatesChanged();

public slots:
    // Brings the rows in line with snapshot; brokers seen before and missing now stay, as offline.
    void applySnapshot(const sluice::client::cluster_snapshot &snapshot);
    // From ClusterSession::snapshotReady; ignores versions older than the one shown.
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);

private:
    enum class QuorumRole
    {
        Unknown,  // the cluster does not report its quorum
        None,
        Voter,
        Observer
    };
    struct BrokerRow
    {
        int id = -1;
        QString address, rack;
        bool online = false;
        qint64 lastSeenMs = -1;
        bool controller = false;
        QuorumRole quorum = QuorumRole::Unknown;
        bool quorumLeader = false;
        qint64 quorumLag = -1;
        int leaders = 0;
        int replicas = 0;
        qint64 logDirBytes = -1;
        std::optional<LocalNodeState> local;
        bool operator==(const BrokerRow &) const = default;
    };
    struct Known
    {
        QString address, rack;
        qint64 lastSeenMs = -1;
        qint64 logDirBytes = -1;  // as last reported: a stopped broker's disk still holds it
    };
    std::vector<BrokerRow> rowsFrom(const sluice::client::cluster_snapshot &snapshot);
    QVariant rawValue(const BrokerRow &row, int column) const;
    QString statusText(const BrokerRow &row) const;
    QString quorumText(const BrokerRow &row) const;
    QString localNodeText(const BrokerRow &row) const;

    QPointer<ClusterSession> m_session;
    std::vector<BrokerRow> m_rows;  // sorted by id, unique
    std::map<int, Known> m_known;   // every broker ever seen in this session
    std::optional<sluice::client::quorum_info> m_quorum;
    LocalNodeStates m_local;
    quint64 m_version = 0;
};
