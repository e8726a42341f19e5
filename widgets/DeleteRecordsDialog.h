// DeleteRecordsDialog: deletes a topic's records before an offset per partition (DeleteRecords), showing each
// partition's current start/end offsets, the dry run (start offset old → new) and kafka-delete-records.sh.
#pragma once
#include <QDialog>
#include <QList>
#include <QPointer>

#include "AdminTypes.h"

class AdminService;
class ChangePreview;
class QLabel;
class QPushButton;
class QTableWidget;

class DeleteRecordsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteRecordsDialog)

public:
    struct PartitionOffsets
    {
        int partition = 0;
        qint64 startOffset = -1;
        qint64 endOffset = -1;
    };

    DeleteRecordsDialog(AdminService *admin, const QString &topic, const QList<PartitionOffsets> &partitions,
                        QWidget *parent = nullptr);

    // Sets the "delete before" offset of a partition (as the user would type it in the table).
    void setOffset(int partition, qint64 offset);
    QStringList validationErrors() const;
    DeleteRecordsRequest request() const;
    ChangePreview *preview() const { return m_preview; }
    QPushButton *deleteButton() const { return m_deleteButton; }
    QTableWidget *table() const { return m_table; }
    QString statusText() const { return m_status; }

public slots:
    bool submit();

signals:
    void applied(const QString &topic);
    void finished(const AdminResult &result);

private:
    enum Column
    {
        PartitionColumn,
        StartColumn,
        EndColumn,
        DeleteBeforeColumn,
        ColumnCount
    };
    void updateState();

    QPointer<AdminService> m_admin;
    QString m_topic;
    QList<PartitionOffsets> m_partitions;
    bool m_busy = false;
    QString m_status;
    QTableWidget *m_table;
    QLabel *m_messagesLabel;
    QLabel *m_statusLabel;
    ChangePreview *m_preview;
    QPushButton *m_deleteButton;
};
