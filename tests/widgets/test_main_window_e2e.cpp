// End to end: the real sluice window starts its embedded three-node cluster, records are produced over the
// Kafka protocol, and the topics table shows their end offset; a data dir of the one-node days still starts as
// that node. Built only when sluice_broker and sluice_client exist.
#include <QDir>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <string>
#include <vector>

#include "engine/broker/node.h"
#include "engine/client/cluster_client.h"

#include "AppOptions.h"
#include "ClusterSession.h"
#include "ConsumerGroupsView.h"
#include "GroupsSession.h"
#include "LocalCluster.h"
#include "MainWindow.h"
#include "Startup.h"
#include "TopicsModel.h"
#include "Translations.h"
#include "e2e_produce.h"

using testing::produceRecords;

namespace {

constexpr int RecordCount = 25;

}  // namespace

class TestMainWindowE2E : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));  // English plural forms
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window_e2e"));
    }

    void showsEndOffsetsOfProducedRecords()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        QString error;
        const auto options = AppOptions::parse(
            {QStringLiteral("sluice"), QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--refresh-ms"), QStringLiteral("200")},
            &error);
        QVERIFY2(options, qPrintable(error));

        auto window = createMainWindow(*options);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->localCluster());
        QVERIFY2(window->localCluster()->state() == LocalCluster::State::Running,
                 qPrintable(window->localCluster()->errorString()));
        QVERIFY(window->localCluster()->port() != 0);
        QVERIFY(window->localClusterStatusText().startsWith(QLatin1String("Local cluster: running on 127.0.0.1:")));
        QCOMPARE(window->localCluster()->nodeCount(), 3);
        QVERIFY2(window->localClusterStatusText().endsWith(QLatin1String("(3 nodes)")),
                 qPrintable(window->localClusterStatusText()));
        QCOMPARE(window->bootstrap().count(QLatin1Char(',')), 2);

        // The session reaches the node over the wire before anything is produced.
        QTRY_VERIFY_WITH_TIMEOUT(window->connectionStatusText().startsWith(QLatin1String("Connected to")), 15000);

        if (const auto failure = produceRecords(window->bootstrap().toStdString(), "e2e", RecordCount)) {
            QFAIL(qPrintable(*failure));
        }

        TopicsModel *model = window->topicsModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(QStringLiteral("e2e")) >= 0, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(model->rowOf(QStringLiteral("e2e")), TopicsModel::EndOffset).data(TopicsModel::RawValueRole).toLongLong(),
            qint64(RecordCount), 15000);

        // The consumer groups tab reads the same node through its own session.
        QVERIFY(window->consumerGroupsView());
        QVERIFY(window->groupsSession() && window->groupsSession()->isRunning());
        QCOMPARE(window->tabs()->tabText(window->tabs()->indexOf(window->consumerGroupsView())), QStringLiteral("Consumer groups"));

        if (const QByteArray path = qgetenv("SLUICE_SCREENSHOT"); !path.isEmpty())
            QVERIFY(window->grab().save(QString::fromLocal8Bit(path)));

        // Every node keeps its own data dir; the topic is replicated to all three (default.replication.factor).
        for (int node = 1; node <= 3; ++node)
            QTRY_VERIFY_WITH_TIMEOUT(QDir(dataDir.path() + QStringLiteral("/node-%1/e2e-0").arg(node)).exists(), 15000);
    }

    void aOneNodeDataDirStartsAsThatNode()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        {
            sluice::broker::node_config config;
            config.port = 0;
            config.data_dir = std::filesystem::path(dataDir.path().toStdString());
            auto node = sluice::broker::node::start(std::move(config));
            QVERIFY2(node.ok(), node.ok() ? "" : node.err().message.c_str());
            node.value()->stop();
        }
        LocalCluster cluster;
        QVERIFY2(cluster.start(dataDir.path(), 0), qPrintable(cluster.errorString()));
        QCOMPARE(cluster.nodeCount(), 1);
        QCOMPARE(cluster.bootstrap().count(QLatin1Char(',')), 0);
        QVERIFY(!QDir(dataDir.path() + QStringLiteral("/node-1")).exists());
        if (const auto failure = produceRecords(cluster.bootstrap().toStdString(), "still-here", 3))
            QFAIL(qPrintable(*failure));
        cluster.stop();
    }
};

QTEST_MAIN(TestMainWindowE2E)
#include "test_main_window_e2e.moc"
