// MainWindow with a fake cluster: title, status texts, topics table, command line. SLUICE_SCREENSHOT=x.png saves a picture.
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include "AppOptions.h"
#include "ClusterSession.h"
#include "LocalCluster.h"
#include "MainWindow.h"
#include "TopicsModel.h"
#include "Translations.h"
#include "TopicsSortFilterModel.h"
#include "TopicsView.h"
#include "snapshot_builder.h"

using sluice::client::cluster_snapshot;
using sluice::result;
using testing::topic;

namespace {

// A local cluster that "binds" the port it is asked for (or 40123 for an ephemeral one) without a broker.
class FakeLocalCluster : public LocalCluster
{
public:
    using LocalCluster::LocalCluster;
    bool portBusy = false;
    int clients = 0;  // client connections it reports

    int clientConnectionCount() const override { return clients; }

protected:
    EngineStart startEngine(const QString &, quint16 port) override
    {
        if (port != 0 && portBusy)
            return {0, QStringLiteral("node 1: cannot listen on 127.0.0.1:%1: Address already in use").arg(port), true};
        return {port == 0 ? quint16(40123) : port, {}, false};
    }
    void stopEngine() override {}
};

// What a developer's laptop cluster looks like after a day of work.
cluster_snapshot demoSnapshot()
{
    auto orders = topic("orders", 6, 1, 214806, 12000);
    orders.partitions[2].end_offset = 221377;
    return testing::snapshot({
        orders,
        topic("payments.v2", 3, 1, 48213, 0),
        topic("user-events", 12, 1, 1093321, 840000),
        topic("clickstream.raw", 24, 1, 5012880, 4800000),
        topic("inventory-updates", 4, 1, 7730, 7730),
        topic("orders.dlq", 1, 1, 17, 0),
        topic("audit-log", 1, 1, 0, 0),
        topic("__consumer_offsets", 50, 1, 3, 0, true),
    });
}

}  // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));  // English plural forms
        QStandardPaths::setTestModeEnabled(true);  // QSettings and data dirs go to a throwaway location
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
    }

    void showsTopicsOfTheLocalCluster()
    {
        auto *cluster = new FakeLocalCluster;
        QVERIFY(cluster->start(QDir::tempPath() + QStringLiteral("/sluice-test-local-cluster"), 9092));
        auto *session = new ClusterSession([] { return result<cluster_snapshot>(demoSnapshot()); });
        MainWindow window(session, tr("Local cluster"), cluster->bootstrap(), cluster);
        session->start();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QCOMPARE(window.windowTitle(), QStringLiteral("Sluice"));
        QCOMPARE(window.localClusterStatusText(), QStringLiteral("Local cluster: running on 127.0.0.1:9092 (3 nodes)"));
        QTRY_COMPARE_WITH_TIMEOUT(window.topicsModel()->rowCount(), 8, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStatusText().startsWith(QLatin1String("Connected to 127.0.0.1:9092")), 5000);
        QVERIFY(window.connectionStatusText().contains(QLatin1String("8 topics")));

        const int orders = window.topicsModel()->rowOf(QStringLiteral("orders"));
        QCOMPARE(window.topicsModel()->index(orders, TopicsModel::EndOffset).data(TopicsModel::RawValueRole).toLongLong(),
                 214806LL * 5 + 221377);

        if (const QByteArray path = qgetenv("SLUICE_SCREENSHOT"); !path.isEmpty()) {
            window.resize(1100, 560);
            QTest::qWait(100);
            QVERIFY(window.grab().save(QString::fromLocal8Bit(path)));
        }

        // The filter narrows the table; the count label follows.
        auto *filter = window.findChild<QLineEdit *>(QStringLiteral("topicFilter"));
        QVERIFY(filter);
        QTest::keyClicks(filter, QStringLiteral("orders"));
        QCOMPARE(window.topicsView()->proxyModel()->rowCount(), 2);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("topicCount"))->text(), QStringLiteral("2 of 8 topics"));
    }

    void reportsAnUnreachableCluster()
    {
        auto *session = new ClusterSession([]() -> result<cluster_snapshot> {
            return sluice::error{sluice::protocol::error_code::network_exception, "connection refused"};
        });
        MainWindow window(session, QStringLiteral("kafka.example.com:9092"), QStringLiteral("kafka.example.com:9092"), nullptr);
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(window.connectionStatusText(),
                                  QStringLiteral("Cannot reach kafka.example.com:9092: connection refused"), 5000);
        QCOMPARE(window.localClusterStatusText(), QStringLiteral("Remote cluster"));
        QCOMPARE(window.topicsModel()->rowCount(), 0);
    }

    // A second Sluice whose ports are taken says which and where to change them; it does not move to other ports
    // (it would open the first one's data directory too).
    void localClusterSaysItsPortIsTaken()
    {
        FakeLocalCluster cluster;
        cluster.portBusy = true;
        QVERIFY(!cluster.start(QDir::tempPath() + QStringLiteral("/sluice-test-local-cluster"), 9092));
        QCOMPARE(cluster.state(), LocalCluster::State::Failed);
        QVERIFY2(cluster.errorString().startsWith(QLatin1String("Ports 9092 to 9094 are not all free (node 1: cannot "
                                                                "listen on 127.0.0.1:9092: Address already in use).")),
                 qPrintable(cluster.errorString()));
        QVERIFY(cluster.errorString().contains(QStringLiteral("File › Settings…")));
        QVERIFY(cluster.errorString().contains(QLatin1String("--port")));
        cluster.portBusy = false;
        QVERIFY(cluster.start(QDir::tempPath() + QStringLiteral("/sluice-test-local-cluster"), 9092));
        QCOMPARE(cluster.state(), LocalCluster::State::Running);
        QCOMPARE(cluster.bootstrap(), QStringLiteral("127.0.0.1:9092"));
    }

    // Quitting stops the embedded cluster: with users' clients connected the window asks first.
    void asksBeforeQuittingWithClientsConnected()
    {
        auto *cluster = new FakeLocalCluster;
        QVERIFY(cluster->start(QDir::tempPath() + QStringLiteral("/sluice-test-local-cluster"), 9092));
        auto *session = new ClusterSession([] { return result<cluster_snapshot>(demoSnapshot()); });
        MainWindow window(session, tr("Local cluster"), cluster->bootstrap(), cluster);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QList<int> asked;
        bool answer = false;
        window.setQuitConfirmation([&](int clients) {
            asked << clients;
            return answer;
        });
        cluster->clients = 2;
        QVERIFY(!window.close());  // refused
        QVERIFY(window.isVisible());
        QCOMPARE(asked, QList<int>{2});
        answer = true;
        QVERIFY(window.close());
        QCOMPARE(asked, (QList<int>{2, 2}));
        window.show();
        cluster->clients = 0;  // only the app's own connections: no question
        QVERIFY(window.close());
        QCOMPARE(asked.size(), 2);
    }

    void shortensABootstrapList()
    {
        QCOMPARE(MainWindow::shortBootstrap(QStringLiteral("127.0.0.1:9092")), QStringLiteral("127.0.0.1:9092"));
        QCOMPARE(MainWindow::shortBootstrap(QStringLiteral("h1:9092,h2:9092,h3:9092")), QStringLiteral("h1:9092 and 2 more"));
        QCOMPARE(MainWindow::shortBootstrap(QStringLiteral("h1:9092, h2:9092")), QStringLiteral("h1:9092 and 1 more"));
    }

    void localClusterRefusesABadNodeCount()
    {
        FakeLocalCluster cluster;
        cluster.setNodeCount(0);
        QVERIFY(!cluster.start(QDir::tempPath() + QStringLiteral("/sluice-test-local-cluster"), 9092));
        QCOMPARE(cluster.state(), LocalCluster::State::Failed);
        QCOMPARE(cluster.errorString(), QStringLiteral("a local cluster has 1 to 9 nodes, not 0"));
        cluster.setNodeCount(1);
        QVERIFY(cluster.start(QDir::tempPath() + QStringLiteral("/sluice-test-local-cluster"), 9092));
        QCOMPARE(cluster.nodeCount(), 1);
    }

    void parsesTheCommandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("embedded");
        QTest::addColumn<QString>("dataDir");
        QTest::addColumn<int>("port");  // -1: not given
        QTest::addColumn<QString>("bootstrap");

        QTest::newRow("defaults") << QStringList{} << true << true << QString() << -1 << QString();
        QTest::newRow("data dir and ephemeral port")
            << QStringList{"--data-dir", "/tmp/x", "--port", "0"} << true << true << "/tmp/x" << 0 << QString();
        QTest::newRow("remote") << QStringList{"--no-embedded", "--bootstrap", "kafka:9092"} << true << false << QString()
                                << -1 << "kafka:9092";
        QTest::newRow("remote without bootstrap") << QStringList{"--no-embedded"} << false << false << QString() << -1
                                                  << QString();
        QTest::newRow("bootstrap without no-embedded")
            << QStringList{"--bootstrap", "kafka:9092"} << false << false << QString() << -1 << QString();
        QTest::newRow("bad port") << QStringList{"--port", "70000"} << false << false << QString() << -1 << QString();
        QTest::newRow("unknown option") << QStringList{"--frobnicate"} << false << false << QString() << -1 << QString();
        QTest::newRow("one node") << QStringList{"--nodes", "1"} << true << true << QString() << -1 << QString();
        QTest::newRow("no nodes") << QStringList{"--nodes", "0"} << false << false << QString() << -1 << QString();
        QTest::newRow("too many nodes") << QStringList{"--nodes", "10"} << false << false << QString() << -1 << QString();
        QTest::newRow("nodes not a number") << QStringList{"--nodes", "three"} << false << false << QString() << -1
                                            << QString();
        QTest::newRow("nodes of a remote cluster")
            << QStringList{"--no-embedded", "--bootstrap", "kafka:9092", "--nodes", "3"} << false << false << QString()
            << -1 << QString();
        // A saved connection profile is a remote cluster: no local cluster, and not with a second cluster named.
        QTest::newRow("profile") << QStringList{"--profile", "Production"} << true << false << QString() << -1
                                 << QString();
        QTest::newRow("profile and bootstrap")
            << QStringList{"--profile", "Production", "--no-embedded", "--bootstrap", "kafka:9092"} << false << false
            << QString() << -1 << QString();
        QTest::newRow("profile and nodes")
            << QStringList{"--profile", "Production", "--nodes", "3"} << false << false << QString() << -1 << QString();
    }
    void parsesTheCommandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, valid);
        QFETCH(bool, embedded);
        QFETCH(QString, dataDir);
        QFETCH(int, port);
        QFETCH(QString, bootstrap);

        QString error;
        const auto options = AppOptions::parse(QStringList{QStringLiteral("sluice")} + arguments, &error);
        QCOMPARE(options.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QCOMPARE(options->embedded, embedded);
        QCOMPARE(options->dataDir, dataDir);
        QCOMPARE(options->port.has_value() ? int(*options->port) : -1, port);
        QCOMPARE(options->bootstrap, bootstrap);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
