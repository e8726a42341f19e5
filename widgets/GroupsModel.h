// GroupsModel: one row per consumer group of the latest groups snapshot, diffed in place (never reset per tick).
#pragma once
#include <string>
#include <vector>

#include <QAbstractTableModel>

#include "GroupsMetaTypes.h"

class GroupsSession;

class GroupsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsModel)

public:
    enum Column
    {
        GroupId,
        State,
        ProtocolType,
        Protocol,
        Members,
        Lag,      // total lag in records over the group's partitions
        LagTime,  // largest lag in time over its partitions
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,  // unformatted: QString or qint64 (-1 = unknown)
        GroupIdRole
    };

    // session may be null (tests feed snapshots through applySnapshot()).
    explicit GroupsModel(GroupsSession *session = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &groupId) const;
    quint64 snapshotVersion() const { return m_version; }

public slots:
    void applySnapshot(const GroupsSnapshot &snapshot);
    void onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version);

private:
    struct Row
    {
        std::string groupId;
        QString state, protocolType, protocol;
        int members = 0;
        qint64 lag = -1;
        qint64 lagMs = -1;
        int errorCode = 0;
        bool operator==(const Row &) const = default;
    };
    QVariant rawValue(const Row &row, int column) const;

    std::vector<Row> m_rows;  // sorted by groupId
    quint64 m_version = 0;
};
