// MainWindow: Sluice's main window — cluster list, the selected cluster's topics, connection and local-cluster status.
#pragma once
#include <functional>
#include <memory>

#include <QMainWindow>

#include "SnapshotProvider.h"

class AdminService;
class BrokerConfigsModel;
class BrokerConfigsView;
class BrokersModel;
class BrokersView;
class ClusterSession;
class ConsumerGroupsView;
class GroupsSession;
class LagHistory;
class LocalCluster;
class LocalClusterControls;
class MessageBrowserView;
class MessagesSession;
class PartitionMapModel;
class PartitionMapView;
class PartitionsModel;
class PartitionsView;
class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class QTreeWidget;
class ReplicaActions;
class RetentionModel;
class RetentionView;
class TopicActions;
class TopicsModel;
class TopicsView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Takes ownership of session and of localCluster (null for a remote cluster). Does not start the session.
    MainWindow(ClusterSession *session, const QString &connectionName, const QString &bootstrap,
               LocalCluster *localCluster, QWidget *parent = nullptr);
    ~MainWindow() override;

    ClusterSession *session() const { return m_session; }
    LocalCluster *localCluster() const { return m_localCluster; }
    TopicsModel *topicsModel() const { return m_topicsModel; }
    TopicsView *topicsView() const { return m_topicsView; }
    QTabWidget *tabs() const { return m_tabs; }
    BrokersView *brokersView() const { return m_brokersView; }
    PartitionsView *partitionsView() const { return m_partitionsView; }
    PartitionMapView *partitionMapView() const { return m_mapView; }
    ReplicaActions *replicaActions() const { return m_replicaActions; }
    // Switches to the Partitions tab, filtered to this topic.
    void showPartitionsOf(const QString &topicName);
    // Adds the "Consumer groups" tab. Takes ownership of session (not started here) and history (may be null).
    void setGroupsSession(GroupsSession *session, std::unique_ptr<LagHistory> history);
    GroupsSession *groupsSession() const { return m_groupsSession; }
    ConsumerGroupsView *consumerGroupsView() const { return m_groupsView; }
    // Adds the admin intents (New/Edit/Delete topic…, Delete records…) and the "Retention" and "Broker configs"
    // tabs. Takes ownership of admin.
    void setAdminService(AdminService *admin);
    AdminService *adminService() const { return m_admin; }
    TopicActions *topicActions() const { return m_topicActions; }
    RetentionView *retentionView() const { return m_retentionView; }
    BrokerConfigsView *brokerConfigsView() const { return m_brokerConfigsView; }
    // Adds the "Messages" tab (browser of the current cluster's records) and the "Produce…" action (toolbar, Topic
    // menu, topics view's context menu). Takes ownership of session.
    void setMessagesSession(MessagesSession *session);
    MessagesSession *messagesSession() const { return m_messagesSession; }
    MessageBrowserView *messageBrowserView() const { return m_messagesView; }
    QAction *produceAction() const { return m_produceAction; }
    // Switches to the Messages tab on this topic and reads its latest records.
    void showMessagesOf(const QString &topicName);
    QString bootstrap() const { return m_bootstrap; }
    // "h1:9092 and 2 more" for a bootstrap list; a single address as it is.
    static QString shortBootstrap(const QString &bootstrap);
    QString connectionStatusText() const;
    QString localClusterStatusText() const;
    // The embedded cluster's node controls behind the Brokers view (null for a remote cluster).
    LocalClusterControls *localClusterControls() const { return m_localControls; }
    // Asked on close while the local cluster has clients other than the app's own: true to quit. Tests replace
    // the message box.
    using QuitConfirmation = std::function<bool(int clientConnections)>;
    void setQuitConfirmation(QuitConfirmation confirm) { m_confirmQuit = std::move(confirm); }
    // Opens the settings dialog (File › Settings…).
    void showSettings();
    QAction *connectAction() const { return m_connectAction; }

signals:
    // File › Connect to Cluster…: the app shows the connection profiles and opens a window for the one chosen.
    void connectToClusterRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);
    void onSessionError(const QString &message);
    void updateLocalClusterStatus();
    void showAbout();
    void loadSettings();
    void restoreCurrentTab();
    void saveSettings() const;

    ClusterSession *m_session;
    LocalCluster *m_localCluster;
    QString m_connectionName;
    QString m_bootstrap;
    TopicsModel *m_topicsModel;
    TopicsView *m_topicsView;
    QTabWidget *m_tabs;
    PartitionsModel *m_partitionsModel;
    PartitionsView *m_partitionsView;
    BrokersModel *m_brokersModel;
    BrokersView *m_brokersView;
    PartitionMapModel *m_mapModel;
    PartitionMapView *m_mapView;
    ReplicaActions *m_replicaActions = nullptr;
    GroupsSession *m_groupsSession = nullptr;
    std::unique_ptr<LagHistory> m_lagHistory;
    ConsumerGroupsView *m_groupsView = nullptr;
    AdminService *m_admin = nullptr;
    TopicActions *m_topicActions = nullptr;
    RetentionModel *m_retentionModel = nullptr;
    RetentionView *m_retentionView = nullptr;
    BrokerConfigsModel *m_brokerConfigsModel = nullptr;
    BrokerConfigsView *m_brokerConfigsView = nullptr;
    MessagesSession *m_messagesSession = nullptr;
    MessageBrowserView *m_messagesView = nullptr;
    QAction *m_produceAction = nullptr;
    QAction *m_showMessagesAction = nullptr;
    QTreeWidget *m_clustersTree;
    QSplitter *m_splitter;
    QLabel *m_connectionIcon;
    QLabel *m_connectionLabel;
    QLabel *m_localClusterLabel;
    QAction *m_refreshAction = nullptr;
    QAction *m_showPartitionsAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    bool m_everConnected = false;
    QString m_savedTab;  // from the settings, until that tab exists
    LocalClusterControls *m_localControls = nullptr;
    QuitConfirmation m_confirmQuit;
};
