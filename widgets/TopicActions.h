// TopicActions: the topic intents of the main window — New topic…, Edit topic…, Delete topic…, Delete records… —
// as QActions that open the admin forms for the topic selected in a TopicsView, fed by the session's snapshot.
#pragma once
#include <QList>
#include <QObject>
#include <QPointer>

class AdminService;
class ClusterSession;
class DeleteRecordsDialog;
class DeleteTopicDialog;
class QAction;
class QWidget;
class TopicForm;
class TopicsView;

class TopicActions : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicActions)

public:
    // Nothing is owned but the actions; dialogs open non-modal over dialogParent and delete themselves on close.
    TopicActions(AdminService *admin, ClusterSession *session, TopicsView *topicsView, QWidget *dialogParent);

    QAction *newTopicAction() const { return m_newTopic; }
    QAction *editTopicAction() const { return m_editTopic; }
    QAction *deleteTopicAction() const { return m_deleteTopic; }
    QAction *deleteRecordsAction() const { return m_deleteRecords; }
    QList<QAction *> actions() const { return {m_newTopic, m_editTopic, m_deleteTopic, m_deleteRecords}; }

    // The topic selected in the topics view ("" when none).
    QString selectedTopic() const;

public slots:
    TopicForm *openNewTopic();
    TopicForm *openEditTopic(const QString &topic);
    DeleteTopicDialog *openDeleteTopic(const QString &topic);
    DeleteRecordsDialog *openDeleteRecords(const QString &topic);

signals:
    // Any of the forms changed the cluster.
    void topicChanged(const QString &topic);

private:
    void updateEnabled();
    void afterChange(const QString &topic);

    QPointer<AdminService> m_admin;
    QPointer<ClusterSession> m_session;
    TopicsView *m_topicsView;
    QWidget *m_dialogParent;
    QAction *m_newTopic;
    QAction *m_editTopic;
    QAction *m_deleteTopic;
    QAction *m_deleteRecords;
};
