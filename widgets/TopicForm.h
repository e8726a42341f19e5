// TopicForm: the dialog that creates a topic (name, partitions, replication factor, config overrides) or edits one
// (more partitions, config overrides). It validates as Kafka does before anything is sent, shows defaults and their
// sources from DescribeConfigs, a dry-run diff and the kafka-topics.sh/kafka-configs.sh equivalent, offers a
// validate-only preview, and shows Kafka's error message when the cluster refuses. Never blocks on the network.
#pragma once
#include <QDialog>
#include <QList>
#include <QPointer>
#include <QStringList>

#include "AdminTypes.h"
#include "ChangePreview.h"

class AdminService;
class ConfigValueEditor;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

class TopicForm : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicForm)

public:
    enum class Mode
    {
        Create,
        Edit
    };

    // Create mode. admin is not owned. existingTopics feed the name checks; brokerIds bound the replication factor
    // and the first one supplies the broker defaults shown.
    TopicForm(AdminService *admin, const QStringList &existingTopics, const QList<int> &brokerIds,
              QWidget *parent = nullptr);
    // Edit mode for an existing topic.
    TopicForm(AdminService *admin, const QString &topic, int partitions, int replicationFactor, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }

    // Reads defaults and sources (DescribeConfigs); the form is usable before the answer arrives.
    void load();
    bool isLoaded() const { return m_loaded; }

    // Why the form cannot be sent (empty: it can), in display order.
    QStringList validationErrors() const;
    QStringList warnings() const;
    QString messageText() const;  // what the messages area shows
    QString statusText() const;   // the last answer from the cluster
    bool isBusy() const { return m_busy; }

    NewTopicRequest createRequest() const;
    AlterConfigsRequest alterRequest() const;
    CreatePartitionsRequest partitionsRequest() const;
    QList<ChangePreview::Change> changes() const;
    QString command() const;

    QLineEdit *nameEdit() const { return m_nameEdit; }
    QSpinBox *partitionsSpin() const { return m_partitionsSpin; }
    QSpinBox *replicationSpin() const { return m_replicationSpin; }
    ConfigValueEditor *editor(const QString &configName) const;
    ChangePreview *preview() const { return m_preview; }
    QPushButton *applyButton() const { return m_applyButton; }
    QPushButton *validateButton() const { return m_validateButton; }

public slots:
    // Sends the change when the form is valid; otherwise only shows why not. Returns whether a request went out.
    bool submit();
    bool validateOnly();

signals:
    void loaded();
    // The cluster accepted the change (not sent for validate-only).
    void applied(const QString &topic);
    // Any answer arrived (ok or not) and the form is idle again.
    void finished(const AdminResult &result, bool validateOnly);

private:
    void build();
    void updateState();
    bool send(bool validateOnly);
    void finish(const AdminResult &result, bool validateOnly);
    void setBusy(bool busy);
    void applyConfigDescription(const ConfigDescription &description);

    QPointer<AdminService> m_admin;
    Mode m_mode;
    QString m_topic;
    int m_initialPartitions = 1;
    int m_initialReplication = 1;
    QStringList m_existingTopics;
    QList<int> m_brokerIds;
    bool m_loaded = false;
    bool m_busy = false;
    QString m_status;

    QLineEdit *m_nameEdit = nullptr;
    QSpinBox *m_partitionsSpin = nullptr;
    QSpinBox *m_replicationSpin = nullptr;
    QList<ConfigValueEditor *> m_editors;
    QLabel *m_loadLabel = nullptr;
    QLabel *m_messagesLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    ChangePreview *m_preview = nullptr;
    QPushButton *m_validateButton = nullptr;
    QPushButton *m_applyButton = nullptr;
};
