// PartitionMapModel: the broker × partition map — one row per topic-partition (or per topic when there are too many
// to read), one column per broker, each cell saying what that broker holds: the leader, an in-sync follower, an
// out-of-sync replica or an offline one. Diffed in place from each cluster snapshot; no reset on a same-shape refresh.
#pragma once
#include <string>
#include <vector>

#include <QAbstractTableModel>
#include <QPointer>

#include "SnapshotProvider.h"

class ClusterSession;

class PartitionMapModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionMapModel)

public:
    enum Column
    {
        Topic,
        Partition,           // the partition's index, or the topic's partition count on an aggregated row
        FirstBrokerColumn    // then one column per broker, by id
    };

    // What one broker holds of one partition.
    enum class CellState
    {
        None,            // no replica
        Leader,
        InSyncFollower,
        OutOfSync,       // a replica on a live broker that is not in the ISR
        Offline          // a replica on a broker missing from the metadata, or of a partition without a leader
    };
    Q_ENUM(CellState)

    enum class Aggregation
    {
        Automatic,     // per topic once there are more than AggregateAbove partitions
        PerPartition,
        PerTopic
    };
    Q_ENUM(Aggregation)
    static constexpr int AggregateAbove = 500;

    enum Role
    {
        CellStateRole = Qt::UserRole,  // int (CellState) on a partition row; the worst state on a topic row
        LeadersRole,                   // int: partitions this broker leads (1/0 on a partition row)
        ReplicasRole,                  // int: replicas on this broker, leaders included
        OutOfSyncRole,                 // int: of those, not in the ISR on a live broker
        OfflineRole,                   // int: of those, offline
        BrokerIdRole,                  // int: the broker of a cell or broker column header; -1 elsewhere
        TopicNameRole,                 // QString, for any column
        PartitionRole,                 // int: the partition index; -1 on a topic row
        AggregatedRole                 // bool: the row is a whole topic
    };

    // session may be null (tests feed snapshots through applySnapshot()).
    explicit PartitionMapModel(ClusterSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Aggregation aggregation() const { return m_aggregation; }
    void setAggregation(Aggregation aggregation);
    // Whether rows are topics now (Automatic resolves by the partition count).
    bool isAggregated() const { return m_aggregated; }
    int partitionCount() const { return m_partitionCount; }

    // The row of a partition (partition >= 0) or of a topic row (partition -1), or -1.
    int rowOf(const QString &topic, int partition = -1) const;
    // The column of a broker, or -1. Brokers stay once seen, so columns do not jump when a node stops.
    int columnOf(int brokerId) const;

    static QString stateName(CellState state);

public slots:
    void applySnapshot(const sluice::client::cluster_snapshot &snapshot);
    // From ClusterSession::snapshotReady; ignores versions older than the one shown.
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);

private:
    struct Cell
    {
        int leaders = 0, replicas = 0, outOfSync = 0, offline = 0;
        CellState state = CellState::None;  // a partition row's state; a topic row's worst
        bool operator==(const Cell &) const = default;
    };
    struct Row
    {
        std::string topic;
        int partition = -1;  // -1: the whole topic
        QString displayTopic;
        int partitions = 1;  // on a topic row: how many
        std::vector<Cell> cells;  // one per broker column
        bool operator==(const Row &) const = default;
    };
    struct BrokerColumn
    {
        int id = -1;
        bool online = false;
        QString address, rack;
        int leaders = 0, replicas = 0, outOfSync = 0, offline = 0;
        bool operator==(const BrokerColumn &) const = default;
    };

    void rebuild();
    void updateBrokers(const sluice::client::cluster_snapshot &snapshot);
    std::vector<Row> rowsFrom(const sluice::client::cluster_snapshot &snapshot, bool aggregated) const;
    const Cell *cellAt(const QModelIndex &index) const;
    QString cellText(const Row &row, const Cell &cell) const;
    QString cellToolTip(const Row &row, const Cell &cell, int brokerId) const;

    QPointer<ClusterSession> m_session;
    ClusterSnapshotPtr m_snapshot;  // the last one applied, to rebuild on an aggregation change
    std::vector<BrokerColumn> m_brokers;  // by id
    std::vector<Row> m_rows;              // by (topic, partition)
    Aggregation m_aggregation = Aggregation::Automatic;
    bool m_aggregated = false;
    int m_partitionCount = 0;
    quint64 m_version = 0;
};
