#include "MainWindow.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>

#include "AdminService.h"
#include "BrokerConfigsModel.h"
#include "BrokerConfigsView.h"
#include "BrokersModel.h"
#include "BrokersView.h"
#include "ClusterSession.h"
#include "ConsumerGroupsView.h"
#include "GroupsSession.h"
#include "LagHistory.h"
#include "LocalCluster.h"
#include "LocalClusterControls.h"
#include "LocalClusterSettings.h"
#include "MessageBrowserView.h"
#include "MessagesSession.h"
#include "NodeActions.h"
#include "PartitionMapModel.h"
#include "PartitionMapView.h"
#include "PartitionsModel.h"
#include "PartitionsView.h"
#include "ReplicaActions.h"
#include "RetentionModel.h"
#include "RetentionView.h"
#include "SettingsDialog.h"
#include "TopicActions.h"
#include "TopicsModel.h"
#include "TopicsView.h"

namespace {
const char SettingsGeometry[] = "MainWindow/geometry";
const char SettingsState[] = "MainWindow/state";
const char SettingsSplitter[] = "MainWindow/splitter";
const char SettingsTopicsHeader[] = "MainWindow/topicsHeader";
const char SettingsShowInternal[] = "MainWindow/showInternalTopics";
const char SettingsGroupsSplitter[] = "MainWindow/consumerGroupsSplitter";
const char SettingsCurrentTab[] = "MainWindow/currentTab";  // the object name of the tab's widget
}  // namespace

MainWindow::MainWindow(ClusterSession *session, const QString &connectionName, const QString &bootstrap,
                       LocalCluster *localCluster, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_localCluster(localCluster)
    , m_connectionName(connectionName)
    , m_bootstrap(bootstrap)
    , m_topicsModel(new TopicsModel(session, this))
    , m_topicsView(new TopicsView(m_topicsModel, this))
    , m_tabs(new QTabWidget(this))
    , m_partitionsModel(new PartitionsModel(session, this))
    , m_partitionsView(new PartitionsView(m_partitionsModel, this))
    , m_brokersModel(new BrokersModel(session, this))
    , m_brokersView(new BrokersView(m_brokersModel, this))
    , m_mapModel(new PartitionMapModel(session, this))
    , m_mapView(new PartitionMapView(m_mapModel, this))
    , m_clustersTree(new QTreeWidget(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_connectionIcon(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_localClusterLabel(new QLabel(this))
{
    m_session->setParent(this);
    if (m_localCluster)
        m_localCluster->setParent(this);

    setWindowTitle(tr("Sluice"));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1100, 640);

    // Left: the clusters this window knows (one for now), as in a connection manager.
    m_clustersTree->setObjectName(QStringLiteral("clustersTree"));
    m_clustersTree->setHeaderLabel(tr("Clusters"));
    m_clustersTree->setRootIsDecorated(false);
    m_clustersTree->setUniformRowHeights(true);
    auto *item = new QTreeWidgetItem(m_clustersTree, {connectionName});
    item->setIcon(0, style()->standardIcon(m_localCluster ? QStyle::SP_ComputerIcon : QStyle::SP_DriveNetIcon));
    item->setToolTip(0, bootstrap);
    m_clustersTree->setCurrentItem(item);

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_clustersTree);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_topicsView, tr("Topics"));
    m_topicsView->setObjectName(QStringLiteral("topicsView"));
    m_partitionsView->setObjectName(QStringLiteral("partitionsView"));
    m_brokersView->setObjectName(QStringLiteral("brokersView"));
    m_tabs->addTab(m_partitionsView, tr("Partitions"));
    m_tabs->addTab(m_brokersView, tr("Brokers"));
    m_mapView->setObjectName(QStringLiteral("partitionMapView"));
    m_tabs->addTab(m_mapView, tr("Replica map", "broker × partition map"));
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({200, 900});
    m_splitter->setChildrenCollapsible(false);
    m_topicsView->setContentsMargins(4, 4, 4, 0);
    m_partitionsView->setContentsMargins(4, 4, 4, 0);
    m_brokersView->setContentsMargins(4, 4, 4, 0);
    m_mapView->setContentsMargins(4, 4, 4, 0);
    setCentralWidget(m_splitter);

    createActions();
    createMenus();
    // The topics table's context menu; TopicActions adds the admin intents after it.
    m_topicsView->tableView()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_topicsView->tableView()->addAction(m_showPartitionsAction);

    m_connectionIcon->setObjectName(QStringLiteral("connectionIcon"));
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_localClusterLabel->setObjectName(QStringLiteral("localClusterStatus"));
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connectionLabel->setText(tr("Connecting to %1…").arg(shortBootstrap(m_bootstrap)));
    statusBar()->addWidget(m_connectionIcon);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_localClusterLabel);
    updateLocalClusterStatus();

    connect(m_session, &ClusterSession::snapshotReady, this, &MainWindow::onSnapshotReady);
    connect(m_session, &ClusterSession::errorOccurred, this, &MainWindow::onSessionError);
    if (m_localCluster)
        connect(m_localCluster, &LocalCluster::stateChanged, this, &MainWindow::updateLocalClusterStatus);
    if (m_localCluster && !m_localCluster->nodeIds().isEmpty()) {
        // Node controls for the embedded cluster only: a remote cluster's brokers are not ours to stop.
        m_localControls = new LocalClusterControls(m_localCluster, m_session, m_brokersModel, this);
        m_brokersView->setLocalControlsVisible(true);
        connect(m_brokersView->nodeActions(), &NodeActions::requested, m_localControls, &LocalClusterControls::execute);
        connect(m_session, &ClusterSession::snapshotReady, m_localControls, &LocalClusterControls::updateStates);
    }
    m_confirmQuit = [this](int clients) {
        return QMessageBox::question(this, tr("Quit Sluice"),
                                     tr("The local cluster has %n client connection(s) besides Sluice's own. Quitting "
                                        "stops the cluster and closes them. Quit anyway?",
                                        nullptr, clients),
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Yes;
    };

    loadSettings();
}

MainWindow::~MainWindow()
{
    // The session reads the local cluster: stop reading before stopping the broker.
    m_session->stop();
    if (m_groupsSession)
        m_groupsSession->stop();
    // Its worker may be in a live tail's long poll on the local cluster: end it before the cluster stops.
    delete m_messagesSession;
    m_messagesSession = nullptr;
    if (m_localCluster)
        m_localCluster->stop();
}

void MainWindow::showPartitionsOf(const QString &topicName)
{
    m_partitionsView->showTopic(topicName);
    m_tabs->setCurrentWidget(m_partitionsView);
}

void MainWindow::setGroupsSession(GroupsSession *session, std::unique_ptr<LagHistory> history)
{
    if (m_groupsSession || !session)
        return;
    m_groupsSession = session;
    m_groupsSession->setParent(this);
    m_lagHistory = std::move(history);
    m_groupsView = new ConsumerGroupsView(m_groupsSession, m_lagHistory.get(), this);
    m_groupsView->setContentsMargins(4, 4, 4, 0);
    m_tabs->addTab(m_groupsView, tr("Consumer groups"));
    connect(m_refreshAction, &QAction::triggered, m_groupsSession, &GroupsSession::refreshNow);
    m_groupsView->restoreState(QSettings().value(QLatin1String(SettingsGroupsSplitter)).toByteArray());
    restoreCurrentTab();
}

void MainWindow::setAdminService(AdminService *admin)
{
    if (m_admin || !admin)
        return;
    m_admin = admin;
    m_admin->setParent(this);

    m_topicActions = new TopicActions(m_admin, m_session, m_topicsView, this);
    if (auto *toolbar = findChild<QToolBar *>(QStringLiteral("mainToolbar"))) {
        toolbar->addSeparator();
        toolbar->addAction(m_topicActions->newTopicAction());
        toolbar->addAction(m_topicActions->editTopicAction());
        toolbar->addAction(m_topicActions->deleteTopicAction());
    }
    QMenu *topicMenu = new QMenu(tr("&Topic"), this);
    topicMenu->setObjectName(QStringLiteral("topicMenu"));
    topicMenu->addActions(m_topicActions->actions());
    menuBar()->insertMenu(menuBar()->actions().value(1), topicMenu);  // after File
    m_topicsView->tableView()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_topicsView->tableView()->addActions(m_topicActions->actions());

    // Replica admin from the partitions view's selected rows and the topics view's topic.
    m_replicaActions = new ReplicaActions(m_admin, m_session, m_partitionsView, m_topicsView, this);
    m_partitionsView->tableView()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_partitionsView->tableView()->addActions(m_replicaActions->partitionActions());
    m_topicsView->tableView()->addActions(m_replicaActions->topicActions());
    topicMenu->addSeparator();
    topicMenu->addActions(m_replicaActions->topicActions());

    m_retentionModel = new RetentionModel(this);
    m_retentionView = new RetentionView(m_admin, m_retentionModel, this);
    m_retentionView->setContentsMargins(4, 4, 4, 0);
    m_tabs->addTab(m_retentionView, tr("Retention"));
    m_brokerConfigsModel = new BrokerConfigsModel(this);
    m_brokerConfigsView = new BrokerConfigsView(m_admin, m_brokerConfigsModel, this);
    m_brokerConfigsView->setContentsMargins(4, 4, 4, 0);
    m_tabs->addTab(m_brokerConfigsView, tr("Broker configs"));
    connect(m_session, &ClusterSession::snapshotReady, m_retentionView, &RetentionView::onSnapshotReady);
    connect(m_session, &ClusterSession::snapshotReady, m_brokerConfigsView, &BrokerConfigsView::onSnapshotReady);
    connect(m_refreshAction, &QAction::triggered, m_retentionView, &RetentionView::refresh);
    connect(m_refreshAction, &QAction::triggered, m_brokerConfigsView, &BrokerConfigsView::refresh);
    if (const ClusterSnapshotPtr snapshot = m_session->latestSnapshot()) {
        m_retentionView->onSnapshotReady(snapshot, m_session->latestVersion());
        m_brokerConfigsView->onSnapshotReady(snapshot, m_session->latestVersion());
    }
    m_retentionView->setObjectName(QStringLiteral("retentionView"));
    m_brokerConfigsView->setObjectName(QStringLiteral("brokerConfigsView"));
    restoreCurrentTab();
}

void MainWindow::setMessagesSession(MessagesSession *session)
{
    if (m_messagesSession || !session)
        return;
    m_messagesSession = session;
    m_messagesSession->setParent(this);
    m_messagesView = new MessageBrowserView(m_messagesSession, this);
    m_messagesView->setObjectName(QStringLiteral("messageBrowserView"));
    m_messagesView->setContentsMargins(4, 4, 4, 0);
    m_tabs->addTab(m_messagesView, tr("Messages"));
    connect(m_session, &ClusterSession::snapshotReady, m_messagesView, &MessageBrowserView::onSnapshotReady);
    if (const ClusterSnapshotPtr snapshot = m_session->latestSnapshot())
        m_messagesView->onSnapshotReady(snapshot, m_session->latestVersion());

    const auto selectedTopic = [this] {
        const QModelIndex current = m_topicsView->tableView()->selectionModel()->currentIndex();
        return current.isValid() ? current.data(TopicsModel::TopicNameRole).toString() : QString();
    };
    m_produceAction = new QAction(tr("&Produce…"), this);
    m_produceAction->setObjectName(QStringLiteral("produceAction"));
    m_produceAction->setToolTip(tr("Produce a record to the selected topic"));
    connect(m_produceAction, &QAction::triggered, this, [this, selectedTopic] {
        // From the topics view, the selected topic; from elsewhere, the one the browser shows.
        if (m_tabs->currentWidget() == m_topicsView && !selectedTopic().isEmpty())
            m_messagesView->showTopic(selectedTopic());
        m_messagesView->openProduceDialog();
    });
    m_showMessagesAction = new QAction(tr("Show &messages"), this);
    m_showMessagesAction->setObjectName(QStringLiteral("showMessagesAction"));
    m_showMessagesAction->setToolTip(tr("Read the selected topic's latest records in the Messages tab"));
    connect(m_showMessagesAction, &QAction::triggered, this, [this, selectedTopic] {
        if (const QString topic = selectedTopic(); !topic.isEmpty())
            showMessagesOf(topic);
    });
    m_topicsView->tableView()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_topicsView->tableView()->addAction(m_showMessagesAction);
    m_topicsView->tableView()->addAction(m_produceAction);
    if (auto *toolbar = findChild<QToolBar *>(QStringLiteral("mainToolbar"))) {
        toolbar->addSeparator();
        toolbar->addAction(m_produceAction);
    }
    if (auto *topicMenu = findChild<QMenu *>(QStringLiteral("topicMenu"))) {
        topicMenu->addSeparator();
        topicMenu->addAction(m_showMessagesAction);
        topicMenu->addAction(m_produceAction);
    }
    restoreCurrentTab();
}

void MainWindow::showMessagesOf(const QString &topicName)
{
    if (!m_messagesView)
        return;
    m_messagesView->showTopic(topicName);
    m_messagesView->read();
    m_tabs->setCurrentWidget(m_messagesView);
}

QString MainWindow::connectionStatusText() const
{
    return m_connectionLabel->text();
}

QString MainWindow::localClusterStatusText() const
{
    return m_localClusterLabel->text();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Quitting stops the embedded cluster: a producer or consumer still connected to it would lose it unasked.
    if (m_localCluster && m_localCluster->state() == LocalCluster::State::Running) {
        if (const int clients = m_localCluster->clientConnectionCount(); clients > 0 && !m_confirmQuit(clients)) {
            event->ignore();
            return;
        }
    }
    saveSettings();
    event->accept();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(LocalClusterSettings::load(QSettings()), this);
    if (dialog.exec() == QDialog::Accepted && dialog.changed() && m_localCluster)
        QMessageBox::information(this, tr("Settings"),
                                 tr("The local cluster keeps running as it is; it uses the new settings the next time "
                                    "Sluice starts."));
}

void MainWindow::createActions()
{
    m_refreshAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh"), style()->standardIcon(QStyle::SP_BrowserReload)),
                                  tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Read the cluster now"));
    connect(m_refreshAction, &QAction::triggered, m_session, &ClusterSession::refreshNow);

    m_showPartitionsAction = new QAction(tr("Show &Partitions"), this);
    m_showPartitionsAction->setToolTip(tr("List the selected topic's partitions with their leaders, replicas and ISR"));
    connect(m_showPartitionsAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_topicsView->tableView()->currentIndex();
        if (current.isValid())
            showPartitionsOf(current.data(TopicsModel::TopicNameRole).toString());
    });

    m_connectAction = new QAction(tr("&Connect to Cluster…"), this);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setToolTip(tr("Open a window on a remote cluster from a saved connection (TLS, SASL)"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectToClusterRequested);

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setToolTip(tr("The local cluster's nodes, data directory and ports"));
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About Sluice"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    QToolBar *toolbar = addToolBar(tr("Main toolbar"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_refreshAction);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_connectAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(m_showPartitionsAction);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(m_aboutAction);
    helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64)
{
    if (!snapshot)
        return;
    m_everConnected = true;
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_connectionIcon->setPixmap(style()->standardIcon(QStyle::SP_DialogApplyButton).pixmap(iconSize, iconSize));
    // The locale's long time format (with seconds) minus the time zone.
    const QLocale locale;
    const QString timeFormat = locale.timeFormat(QLocale::LongFormat).remove(QLatin1Char('t')).trimmed();
    const QString updated = locale.toString(
        snapshot->taken_at_ms > 0 ? QDateTime::fromMSecsSinceEpoch(snapshot->taken_at_ms).time() : QTime::currentTime(),
        timeFormat);
    const int brokers = static_cast<int>(snapshot->brokers.size());
    const int topics = static_cast<int>(snapshot->topics.size());
    // The brokers model (updated first: it connected first) still lists those that left the metadata.
    const int known = std::max(brokers, m_brokersModel->rowCount());
    const QString brokersText = known > brokers ? tr("%1 of %n broker(s) online", nullptr, known).arg(brokers)
                                                : tr("%n broker(s)", nullptr, brokers);
    m_connectionLabel->setText(tr("Connected to %1  ·  %2  ·  %3  ·  updated %4")
                                   .arg(shortBootstrap(m_bootstrap), brokersText,
                                        tr("%n topic(s)", nullptr, topics), updated));
    m_connectionLabel->setToolTip(tr("Cluster ID: %1\nController: broker %2")
                                      .arg(QString::fromStdString(snapshot->cluster_id))
                                      .arg(snapshot->controller_id));
}

void MainWindow::onSessionError(const QString &message)
{
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_connectionIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    m_connectionLabel->setText(m_everConnected ? tr("Lost connection to %1: %2").arg(shortBootstrap(m_bootstrap), message)
                                               : tr("Cannot reach %1: %2").arg(shortBootstrap(m_bootstrap), message));
    m_connectionLabel->setToolTip(message);
}

QString MainWindow::shortBootstrap(const QString &bootstrap)
{
    // A cluster's bootstrap list names every node; the status bar names the first and counts the rest.
    const QStringList addresses = bootstrap.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (addresses.size() <= 1)
        return bootstrap.trimmed();
    return tr("%1 and %n more", nullptr, int(addresses.size() - 1)).arg(addresses.front().trimmed());
}

void MainWindow::updateLocalClusterStatus()
{
    if (!m_localCluster) {
        m_localClusterLabel->setText(tr("Remote cluster"));
        return;
    }
    switch (m_localCluster->state()) {
    case LocalCluster::State::Running:
        m_localClusterLabel->setText(tr("Local cluster: running on %1 (%n node(s))", nullptr, m_localCluster->nodeCount())
                                         .arg(shortBootstrap(m_localCluster->bootstrap())));
        m_localClusterLabel->setToolTip(tr("Nodes: %1\nData directory: %2")
                                            .arg(QString(m_localCluster->bootstrap()).replace(QLatin1Char(','), QStringLiteral(", ")),
                                                 QDir::toNativeSeparators(m_localCluster->dataDir())));
        break;
    case LocalCluster::State::Stopped:
        m_localClusterLabel->setText(tr("Local cluster: stopped"));
        break;
    case LocalCluster::State::Failed:
        m_localClusterLabel->setText(tr("Local cluster: failed to start"));
        m_localClusterLabel->setToolTip(m_localCluster->errorString());
        break;
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Sluice"),
                       tr("<h3>Sluice %1</h3><p>A Kafka desktop: an embedded local cluster and a monitor for "
                          "remote clusters, speaking the Kafka protocol to both.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::loadSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(QLatin1String(SettingsGeometry)).toByteArray());
    restoreState(settings.value(QLatin1String(SettingsState)).toByteArray());
    const QByteArray splitter = settings.value(QLatin1String(SettingsSplitter)).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    m_topicsView->restoreHeaderState(settings.value(QLatin1String(SettingsTopicsHeader)).toByteArray());
    m_topicsView->setShowInternal(settings.value(QLatin1String(SettingsShowInternal), true).toBool());
    m_savedTab = settings.value(QLatin1String(SettingsCurrentTab)).toString();
    restoreCurrentTab();
}

void MainWindow::restoreCurrentTab()
{
    // Tabs arrive as the window is set up; the one the user left open is selected once it exists.
    if (m_savedTab.isEmpty())
        return;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->objectName() == m_savedTab) {
            m_tabs->setCurrentIndex(i);
            m_savedTab.clear();
            return;
        }
    }
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QLatin1String(SettingsGeometry), saveGeometry());
    settings.setValue(QLatin1String(SettingsState), saveState());
    settings.setValue(QLatin1String(SettingsSplitter), m_splitter->saveState());
    settings.setValue(QLatin1String(SettingsTopicsHeader), m_topicsView->saveHeaderState());
    settings.setValue(QLatin1String(SettingsShowInternal), m_topicsView->showInternal());
    settings.setValue(QLatin1String(SettingsCurrentTab), m_tabs->currentWidget()->objectName());
    if (m_groupsView)
        settings.setValue(QLatin1String(SettingsGroupsSplitter), m_groupsView->saveState());
}
