// TopicsModel: one row per topic of the latest cluster snapshot, diffed in place so views keep selection and scroll.
#pragma once
#include <string>
#include <vector>

#include <QAbstractTableModel>
#include <QPointer>

#include "SnapshotProvider.h"

class ClusterSession;

class TopicsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicsModel)

public:
    enum Column
    {
        Name,
        Partitions,
        Replicas,   // replication factor (largest replica set among the partitions)
        EndOffset,  // sum of log end offsets over partitions
        Messages,   // sum of (end - start) over partitions: records currently retained
        Internal,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,  // unformatted value: QString, int, qint64 (-1 = unknown) or bool
        TopicNameRole,                // the topic's name, for any column
        ErrorCodeRole                 // Kafka error code of the topic, or of its first failing partition
    };

    // session may be null (tests feed snapshots through applySnapshot()).
    explicit TopicsModel(ClusterSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row of the topic, or -1.
    int rowOf(const QString &topicName) const;
    quint64 snapshotVersion() const { return m_version; }

public slots:
    // Brings the rows in line with snapshot: removes, inserts and updates only what changed.
    void applySnapshot(const sluice::client::cluster_snapshot &snapshot);
    // From ClusterSession::snapshotReady; ignores versions older than the one shown.
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);

private:
    struct TopicRow
    {
        std::string name;
        QString displayName;
        int partitions = 0;
        int replicas = 0;
        qint64 endOffset = -1;
        qint64 messages = -1;
        bool internal = false;
        int errorCode = 0;
        bool operator==(const TopicRow &) const = default;
    };
    static std::vector<TopicRow> rowsFrom(const sluice::client::cluster_snapshot &snapshot);
    QVariant rawValue(const TopicRow &row, int column) const;

    QPointer<ClusterSession> m_session;
    std::vector<TopicRow> m_rows;  // sorted by name, unique
    quint64 m_version = 0;
};
