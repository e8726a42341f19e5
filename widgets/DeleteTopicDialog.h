// DeleteTopicDialog: deletes a topic after the user types its name, with the dry run and kafka-topics.sh --delete.
#pragma once
#include <QDialog>
#include <QPointer>

#include "AdminTypes.h"

class AdminService;
class ChangePreview;
class QLabel;
class QLineEdit;
class QPushButton;

class DeleteTopicDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteTopicDialog)

public:
    // partitions/messages describe what is lost (-1: unknown).
    DeleteTopicDialog(AdminService *admin, const QString &topic, int partitions, qint64 messages,
                      QWidget *parent = nullptr);

    QLineEdit *confirmEdit() const { return m_confirmEdit; }
    QPushButton *deleteButton() const { return m_deleteButton; }
    ChangePreview *preview() const { return m_preview; }
    QString statusText() const { return m_status; }
    bool isConfirmed() const;

public slots:
    bool submit();

signals:
    void applied(const QString &topic);
    void finished(const AdminResult &result);

private:
    void updateState();

    QPointer<AdminService> m_admin;
    QString m_topic;
    bool m_busy = false;
    QString m_status;
    QLineEdit *m_confirmEdit;
    QLabel *m_statusLabel;
    ChangePreview *m_preview;
    QPushButton *m_deleteButton;
};
