// LeaderElectionDialog: elects leaders of chosen partitions — the preferred replica, or (behind a warning about
// losing acknowledged records) any live replica — and shows the equivalent kafka-leader-election.sh command and JSON.
#pragma once
#include <QDialog>
#include <QPointer>

#include "AdminService.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

class LeaderElectionDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaderElectionDialog)

public:
    // partitions: (topic, partition) pairs, e.g. the rows selected in the partitions view.
    LeaderElectionDialog(AdminService *admin, const QList<QPair<QString, int>> &partitions, ElectionType type,
                         QWidget *parent = nullptr);

    ElectionType electionType() const;
    void setElectionType(ElectionType type);
    QString jsonText() const;
    QString commandText() const;
    QString resultText() const;

public slots:
    // Runs the election as chosen (the Elect button asks first, and for unclean explains what can be lost).
    void elect();

signals:
    void finished(const PartitionResults &results);

private:
    void updatePreview();
    void confirmElect();

    QPointer<AdminService> m_admin;
    QList<QPair<QString, int>> m_partitions;
    QRadioButton *m_preferred;
    QRadioButton *m_unclean;
    QLabel *m_warning;
    QPlainTextEdit *m_jsonEdit;
    QPlainTextEdit *m_commandEdit;
    QLabel *m_result;
    QPushButton *m_electButton;
};
