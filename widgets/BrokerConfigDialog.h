// BrokerConfigDialog: changes one dynamic broker config (IncrementalAlterConfigs on the broker resource): set a
// per-broker value or delete it to fall back, with validation from the config registry, the dry-run diff and the
// kafka-configs.sh --entity-type brokers equivalent. Kafka's read-only configs never reach this dialog.
#pragma once
#include <QDialog>
#include <QPointer>

#include "AdminTypes.h"

class AdminService;
class ChangePreview;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

class BrokerConfigDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerConfigDialog)

public:
    BrokerConfigDialog(AdminService *admin, const QString &brokerId, const ConfigEntry &entry, QWidget *parent = nullptr);

    QLineEdit *valueEdit() const { return m_valueEdit; }
    QCheckBox *removeCheck() const { return m_removeCheck; }
    QPushButton *applyButton() const { return m_applyButton; }
    ChangePreview *preview() const { return m_preview; }
    QString validationError() const;
    AlterConfigsRequest request() const;
    QString statusText() const { return m_status; }

public slots:
    bool submit();

signals:
    void applied(const QString &brokerId);
    void finished(const AdminResult &result);

private:
    void updateState();

    QPointer<AdminService> m_admin;
    QString m_brokerId;
    ConfigEntry m_entry;
    bool m_busy = false;
    QString m_status;
    QLineEdit *m_valueEdit;
    QLabel *m_humanLabel;
    QCheckBox *m_removeCheck;
    QLabel *m_messageLabel;
    QLabel *m_statusLabel;
    ChangePreview *m_preview;
    QPushButton *m_applyButton;
};
