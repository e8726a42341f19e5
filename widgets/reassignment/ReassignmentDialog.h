// ReassignmentDialog: changes a topic's replication factor or moves its replicas between brokers — proposes a
// balanced plan, lets the user edit it, shows the dry-run diff, JSON and kafka-reassign-partitions.sh command, applies
// it and follows the new replicas catching up (with a way to cancel).
#pragma once
#include <vector>

#include <QDialog>
#include <QPointer>

#include "AdminService.h"
#include "SnapshotProvider.h"
#include "engine/client/reassignment_plan.h"

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTimer;

class ReassignmentDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReassignmentDialog)

public:
    enum Column
    {
        PartitionColumn,
        CurrentColumn,
        ProposedColumn,  // editable: broker ids, the first is the preferred leader
        ChangeColumn,
        ColumnCount
    };

    // snapshot: the cluster as the views show it now (brokers, racks and the topic's replicas).
    ReassignmentDialog(AdminService *admin, ClusterSnapshotPtr snapshot, const QString &topic, QWidget *parent = nullptr);

    QString topic() const { return m_topic; }
    int replicationFactor() const;
    void setReplicationFactor(int replicationFactor);
    // Whether the plan may put replicas on this broker (all live brokers may at first).
    void setBrokerAllowed(int brokerId, bool allowed);
    QTableWidget *table() const { return m_table; }

    // The table as it stands, partition by partition; problems (in words) when it cannot be sent.
    std::vector<sluice::client::partition_assignment> editedPlan() const;
    QStringList problems() const { return m_problems; }
    // The partitions whose replicas the plan changes.
    std::vector<sluice::client::partition_assignment> changes() const;
    QString diffText() const;
    QString jsonText() const;
    QString commandText() const;
    bool canApply() const;
    // Partitions of the topic still being reassigned at the last poll (-1 before the first answer).
    int reassigningCount() const { return m_reassigning; }

public slots:
    // Fills the proposed column with a balanced plan for the replication factor and brokers chosen.
    void proposePlan();
    // Sends the changed partitions as they are (the Apply button asks for confirmation first).
    void apply();
    // Cancels the reassignments in progress of the topic (the button asks first).
    void cancelReassignment();
    // Asks the cluster which partitions of the topic are still reassigning.
    void pollProgress();
    // A newer picture of the cluster: the current replicas (and the live brokers) follow it; the plan stays.
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);

signals:
    void applied(const PartitionResults &results);
    void progressChanged(int reassigning);
    void reassignmentFinished();

private:
    void buildTable();
    void revalidate();
    void showStatus(const QString &text, bool error);
    void confirmApply();
    void confirmCancel();
    QString issueText(const sluice::client::plan_issue &issue) const;

    QPointer<AdminService> m_admin;
    ClusterSnapshotPtr m_snapshot;
    QString m_topic;
    std::vector<sluice::client::partition_assignment> m_current;
    std::vector<sluice::client::broker_info> m_brokers;
    QStringList m_problems;
    QList<ReassignmentProgress> m_inProgress;
    int m_reassigning = -1;
    int m_tracked = 0;  // partitions this dialog started moving; 0: none
    bool m_applying = false;

    QSpinBox *m_replicationFactor;
    QList<QCheckBox *> m_brokerBoxes;
    QPushButton *m_proposeButton;
    QTableWidget *m_table;
    QLabel *m_problemsLabel;
    QTabWidget *m_previewTabs;
    QPlainTextEdit *m_diffEdit;
    QPlainTextEdit *m_jsonEdit;
    QPlainTextEdit *m_commandEdit;
    QPushButton *m_copyButton;
    QLabel *m_progressLabel;
    QProgressBar *m_progressBar;
    QLabel *m_statusLabel;
    QPushButton *m_applyButton;
    QPushButton *m_cancelReassignmentButton;
    QTimer *m_pollTimer;
};
