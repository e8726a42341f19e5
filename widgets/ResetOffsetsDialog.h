// ResetOffsetsDialog: moves an empty consumer group's committed offsets (earliest, latest, timestamp or an offset;
// all topics, one topic or one partition). Shows the dry run (old → new) first; refuses while the group has members.
#pragma once
#include <optional>
#include <vector>

#include <QDialog>

#include "GroupsMetaTypes.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

class ResetOffsetsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResetOffsetsDialog)

public:
    enum class Scope
    {
        AllTopics,
        Topic,
        Partition
    };

    explicit ResetOffsetsDialog(const GroupInfo &group, QWidget *parent = nullptr);

    // Latest state of the group (members come and go while the dialog is open).
    void setGroup(const GroupInfo &group);

    void setScope(Scope scope);
    void setTopic(const QString &topic);
    void setPartition(int partition);
    void setTarget(OffsetResetTarget target);
    void setTimestamp(qint64 msSinceEpoch);
    void setOffsetText(const QString &offset);

    // Why the current input cannot be sent (empty when it can): members present, missing topic, bad offset, …
    QString validationError() const;
    // The request for the current input; nullopt when validationError() is not empty.
    std::optional<OffsetResetRequest> request() const;

    QString messageText() const;
    bool canPreview() const;
    bool canApply() const;
    // The dry run shown, as (topic, partition, old, new) rows.
    std::vector<OffsetResetChange> shownPlan() const { return m_plan; }

public slots:
    void preview();  // validates, then emits previewRequested()
    void apply();    // emits applyRequested() for the plan shown
    // Answers from the session (error empty on success).
    void showPlan(const OffsetResetRequest &request, const std::vector<OffsetResetChange> &plan, const QString &error);
    void showApplied(const QString &groupId, const QString &error);

signals:
    void previewRequested(const OffsetResetRequest &request);
    void applyRequested(const QString &groupId, const std::vector<OffsetResetChange> &plan);

private:
    void updateState();
    void setMessage(const QString &text, bool isError, bool isHint = false);

    GroupInfo m_group;
    QLabel *m_groupLabel;
    QComboBox *m_scopeCombo;
    QComboBox *m_topicCombo;
    QSpinBox *m_partitionSpin;
    QComboBox *m_targetCombo;
    QDateTimeEdit *m_timestampEdit;
    QLineEdit *m_offsetEdit;
    QTableWidget *m_planTable;
    QLabel *m_messageLabel;
    QPushButton *m_previewButton;
    QPushButton *m_applyButton;
    std::vector<OffsetResetChange> m_plan;
    std::optional<OffsetResetRequest> m_plannedRequest;  // the request the shown plan answers
    bool m_waiting = false;
    bool m_messageIsHint = true;  // the message is a hint or a validation error, not an outcome to keep
};
