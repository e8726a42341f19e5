// MainWindow: Sluice's main window — cluster list, the selected cluster's topics, connection and local-cluster status.
#pragma once
#include <QMainWindow>

#include "SnapshotProvider.h"

class ClusterSession;
class LocalCluster;
class QAction;
class QLabel;
class QSplitter;
class QTreeWidget;
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
    QString bootstrap() const { return m_bootstrap; }
    QString connectionStatusText() const;
    QString localClusterStatusText() const;

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
    void saveSettings() const;

    ClusterSession *m_session;
    LocalCluster *m_localCluster;
    QString m_connectionName;
    QString m_bootstrap;
    TopicsModel *m_topicsModel;
    TopicsView *m_topicsView;
    QTreeWidget *m_clustersTree;
    QSplitter *m_splitter;
    QLabel *m_connectionIcon;
    QLabel *m_connectionLabel;
    QLabel *m_localClusterLabel;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    bool m_everConnected = false;
};
