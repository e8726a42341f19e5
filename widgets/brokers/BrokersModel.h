// BrokersModel: one row per broker of the cluster, with its role, the partitions it leads and hosts, and its place
// in the metadata quorum; a broker that leaves the metadata stays listed as offline with the time it was last seen.
#pragma once
#include <map>
#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QPointer>

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
        Role,         // active controller or broker
        Quorum,       // voter or observer of the metadata quorum
        QuorumLag,    // quorum high watermark minus this replica's metadata log end offset
        Leaders,      // partitions led
        Replicas,     // partition replicas hosted
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,  // unformatted value: int, qint64 (-1 = unknown), QString or bool
        BrokerIdRole,                 // the broker's node id, for any column
        OnlineRole,                   // bool: in the latest snapshot's metadata
        LastSeenRole                  // qint64 ms since the epoch of the last snapshot that listed it; -1 never
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

signals:
    void quorumSummaryChanged(const QString &summary);

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
        bool operator==(const BrokerRow &) const = default;
    };
    struct Known
    {
        QString address, rack;
        qint64 lastSeenMs = -1;
    };
    std::vector<BrokerRow> rowsFrom(const sluice::client::cluster_snapshot &snapshot);
    QVariant rawValue(const BrokerRow &row, int column) const;
    QString statusText(const BrokerRow &row) const;
    QString quorumText(const BrokerRow &row) const;

    QPointer<ClusterSession> m_session;
    std::vector<BrokerRow> m_rows;  // sorted by id, unique
    std::map<int, Known> m_known;   // every broker ever seen in this session
    std::optional<sluice::client::quorum_info> m_quorum;
    quint64 m_version = 0;
};
