// RetentionEditor: edits one topic's retention.ms, retention.bytes and cleanup.policy and applies the change with
// IncrementalAlterConfigs (SET for an override, DELETE to inherit again), after a dry-run diff and with the
// kafka-configs.sh equivalent.
#pragma once
#include <QGroupBox>
#include <QList>
#include <QPointer>

#include "AdminTypes.h"

class AdminService;
class ChangePreview;
class ConfigValueEditor;
class QLabel;
class QPushButton;

class RetentionEditor : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionEditor)

public:
    explicit RetentionEditor(AdminService *admin, QWidget *parent = nullptr);

    // Loads the topic's current entries (from DescribeConfigs); an empty topic disables the editor.
    void setTopic(const QString &topic, const QList<ConfigEntry> &entries);
    QString topic() const { return m_topic; }

    ConfigValueEditor *editor(const QString &configName) const;
    QStringList validationErrors() const;
    AlterConfigsRequest request() const;
    ChangePreview *preview() const { return m_preview; }
    QPushButton *applyButton() const { return m_applyButton; }
    QString statusText() const { return m_status; }

public slots:
    bool apply();

signals:
    void applied(const QString &topic);
    void finished(const AdminResult &result);

private:
    void updateState();

    QPointer<AdminService> m_admin;
    QString m_topic;
    bool m_busy = false;
    QString m_status;
    QList<ConfigValueEditor *> m_editors;
    QLabel *m_messagesLabel;
    QLabel *m_statusLabel;
    ChangePreview *m_preview;
    QPushButton *m_applyButton;
    QPushButton *m_resetButton;
};
