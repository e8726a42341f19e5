// PartitionsModel: one row per topic-partition of the latest cluster snapshot (leader, replicas, ISR, log start /
// high watermark / log end offsets, size and health), diffed in place so views keep selection and scroll.
#pragma once
#include <string>
#include <vector>

#include <QAbstractTableModel>
#include <QPointer>

#include "SnapshotProvider.h"

class ClusterSession;

class PartitionsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionsModel)

public:
    enum Column
    {
        Topic,
        Partition,
        Status,           // the worst health flag, in words
        Leader,
        Replicas,         // in assignment order: the first is the preferred leader
        Isr,
        StartOffset,      // log start offset: the first offset still retained
        HighWatermark,    // what consumers can read up to (ListOffsets latest)
        LogEndOffset,     // the leader's LEO: ahead of the high watermark while followers catch up
        Size,             // bytes of the leader's replica on disk
        OfflineReplicas,  // replicas that are not among the cluster's live brokers (last: empty while all is well)
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,  // unformatted value: QString, int or qint64 (-1 = unknown / no leader)
        TopicNameRole,                // the topic's name, for any column
        HealthRole                    // int: the partition's HealthFlag bits, for any column
    };

    enum HealthFlag
    {
        Healthy = 0,
        UnderReplicated = 0x1,     // fewer in-sync replicas than replicas
        Offline = 0x2,             // no leader
        NotPreferredLeader = 0x4,  // led by a replica other than the first one
        ReplicasOffline = 0x8      // some replica is not a live broker
    };

    // session may be null (tests feed snapshots through applySnapshot()).
    explicit PartitionsModel(ClusterSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row of the partition, or -1.
    int rowOf(const QString &topic, int partition) const;

public slots:
    // Brings the rows in line with snapshot: removes, inserts and updates only what changed.
    void applySnapshot(const sluice::client::cluster_snapshot &snapshot);
    // From ClusterSession::snapshotReady; ignores versions older than the one shown.
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);

private:
    struct PartitionRow
    {
        std::string topic;
        int partition = -1;
        QString displayTopic;
        int leader = -1;
        QString replicas, isr, offlineReplicas;  // "1, 2, 3"
        int offlineCount = 0;
        qint64 startOffset = -1;
        qint64 highWatermark = -1;
        qint64 logEndOffset = -1;
        qint64 sizeBytes = -1;
        int health = Healthy;
        int errorCode = 0;
        bool operator==(const PartitionRow &) const = default;
    };
    static std::vector<PartitionRow> rowsFrom(const sluice::client::cluster_snapshot &snapshot);
    QVariant rawValue(const PartitionRow &row, int column) const;
    QString statusText(int health) const;

    QPointer<ClusterSession> m_session;
    std::vector<PartitionRow> m_rows;  // sorted by (topic, partition), unique
    quint64 m_version = 0;
};
