// ConsumerGroupsView: every consumer group of a cluster; the selected one's partitions (lag), members and lag chart,
// and the reset-offsets form. Renders GroupsSession snapshots; records lag history.
#pragma once
#include <QPointer>
#include <QWidget>

#include "GroupsMetaTypes.h"

class GroupMembersModel;
class GroupPartitionsModel;
class GroupsModel;
class GroupsSession;
class LagChart;
class LagHistory;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class ResetOffsetsDialog;

class ConsumerGroupsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerGroupsView)

public:
    // session is not owned; history may be null (no persistence) and is not owned. Both must outlive the view.
    explicit ConsumerGroupsView(GroupsSession *session, LagHistory *history = nullptr, QWidget *parent = nullptr);

    GroupsModel *groupsModel() const { return m_groupsModel; }
    GroupMembersModel *membersModel() const { return m_membersModel; }
    GroupPartitionsModel *partitionsModel() const { return m_partitionsModel; }
    LagChart *lagChart() const { return m_chart; }
    QTableView *groupsTable() const { return m_groupsTable; }
    QTabWidget *detailTabs() const { return m_tabs; }
    QString selectedGroup() const { return m_selectedGroup; }
    ResetOffsetsDialog *resetDialog() const;

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

public slots:
    void selectGroup(const QString &groupId);
    // Opens the reset form for the selected group (refusing inside the form while it has members).
    void openResetDialog();

private:
    void onGroupsReady(GroupsSnapshotPtr snapshot, quint64 version);
    void onCurrentGroupChanged();
    void loadHistory();
    void updateCountLabel();
    static void setUpTable(QTableView *table);

    GroupsSession *m_session;
    LagHistory *m_history;
    GroupsModel *m_groupsModel;
    GroupMembersModel *m_membersModel;
    GroupPartitionsModel *m_partitionsModel;
    QSortFilterProxyModel *m_groupsProxy;
    QSortFilterProxyModel *m_partitionsProxy;
    QLineEdit *m_filterEdit;
    QLabel *m_countLabel;
    QLabel *m_statusLabel;
    QPushButton *m_resetButton;
    QTableView *m_groupsTable;
    QTableView *m_membersTable;
    QTableView *m_partitionsTable;
    QTabWidget *m_tabs;
    LagChart *m_chart;
    QComboBox *m_rangeCombo;
    QSplitter *m_splitter;
    QString m_selectedGroup;
    GroupsSnapshotPtr m_latest;
    QPointer<ResetOffsetsDialog> m_resetDialog;
};
