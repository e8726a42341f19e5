// GroupMembersModel: the members of one consumer group (client id, host, assigned partitions), diffed per snapshot.
#pragma once
#include <string>
#include <vector>

#include <QAbstractTableModel>

#include "GroupsMetaTypes.h"

class GroupsSession;

class GroupMembersModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupMembersModel)

public:
    enum Column
    {
        MemberId,
        ClientId,
        Host,
        InstanceId,  // static membership (group.instance.id)
        Assignment,  // "orders: 0, 1 · audit: 2"
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,
        PartitionCountRole  // number of assigned partitions
    };

    explicit GroupMembersModel(GroupsSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString groupId() const { return m_groupId; }
    int rowOf(const QString &memberId) const;

    // "orders: 0, 1 · audit: 2" (empty assignment: "none").
    static QString formatAssignment(const std::vector<AssignedTopic> &assignment);

public slots:
    // Shows another group's members (a reset of this small model); the next snapshot fills it.
    void setGroupId(const QString &groupId);
    void applySnapshot(const GroupsSnapshot &snapshot);
    void onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version);

private:
    struct Row
    {
        std::string memberId;
        QString clientId, host, instanceId, assignment;
        int partitionCount = 0;
        bool operator==(const Row &) const = default;
    };

    QString m_groupId;
    GroupsSnapshotPtr m_lastSnapshot;
    std::vector<Row> m_rows;  // sorted by memberId
    quint64 m_version = 0;
};
