// GroupPartitionsModel: one consumer group's partitions (committed offset, end offset, lag, lag in time, owner).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <QAbstractTableModel>

#include "GroupsMetaTypes.h"

class GroupsSession;

class GroupPartitionsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupPartitionsModel)

public:
    enum Column
    {
        Topic,
        Partition,
        Consumer,  // client id of the member the partition is assigned to
        Committed,
        EndOffset,
        Lag,
        LagTime,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole  // unformatted: QString, int or qint64 (-1 = unknown)
    };

    explicit GroupPartitionsModel(GroupsSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString groupId() const { return m_groupId; }
    int rowOf(const QString &topic, int partition) const;

public slots:
    void setGroupId(const QString &groupId);
    void applySnapshot(const GroupsSnapshot &snapshot);
    void onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version);

private:
    struct Row
    {
        std::pair<std::string, int32_t> key;  // topic, partition
        QString consumer;
        qint64 committed = -1, end = -1, lag = -1, lagMs = -1;
        bool operator==(const Row &) const = default;
    };
    QVariant rawValue(const Row &row, int column) const;

    QString m_groupId;
    GroupsSnapshotPtr m_lastSnapshot;
    std::vector<Row> m_rows;  // sorted by (topic, partition)
    quint64 m_version = 0;
};
