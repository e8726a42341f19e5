// End to end: the real sluice window on its embedded three-node cluster shows three brokers with one active
// controller; a node stopped from the Brokers view's own actions shows offline, leaves the ISR of an RF=3 topic
// (whose leadership moves off it) and its partitions become under-replicated in the Partitions view; started again
// from the view, both recover. Killing the active controller from the view makes the quorum (DescribeQuorum) name
// a new leader. Built only with sluice_broker and sluice_client.
#include <QAction>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <string>
#include <vector>

#include "engine/client/admin_client.h"
#include "engine/client/cluster_client.h"

#include "AppOptions.h"
#include "BrokersModel.h"
#include "BrokersView.h"
#include "LocalCluster.h"
#include "LocalClusterControls.h"
#include "MainWindow.h"
#include "NodeActions.h"
#include "PartitionsFilterModel.h"
#include "PartitionsModel.h"
#include "PartitionsView.h"
#include "Startup.h"
#include "TopicsModel.h"
#include "TopicsView.h"
#include "Translations.h"
#include "e2e_produce.h"

using testing::produceRecords;

namespace {

constexpr int Timeout = 60000;  // fencing takes broker.session.timeout.ms (9 s), an ISR shrink replica.lag.time.max.ms (30 s)

int countControllers(const BrokersModel &model)
{
    int controllers = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        controllers += model.index(row, BrokersModel::Role).data(BrokersModel::RawValueRole).toBool() ? 1 : 0;
    return controllers;
}

int controllerOf(const BrokersModel &model)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, BrokersModel::Role).data(BrokersModel::RawValueRole).toBool())
            return model.index(row, 0).data(BrokersModel::BrokerIdRole).toInt();
    return -1;
}

bool isOnline(const BrokersModel &model, int id)
{
    const int row = model.rowOf(id);
    return row >= 0 && model.index(row, 0).data(BrokersModel::OnlineRole).toBool();
}

}  // namespace

class TestBrokersPartitionsE2E : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_brokers_partitions_e2e"));
    }

    void aStoppedNodeShowsOfflineAndUnderReplicated()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        QString error;
        const auto options = AppOptions::parse(
            {QStringLiteral("sluice"), QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--refresh-ms"), QStringLiteral("250")},
            &error);
        QVERIFY2(options, qPrintable(error));
        auto window = createMainWindow(*options);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        LocalCluster *cluster = window->localCluster();
        QVERIFY(cluster && cluster->state() == LocalCluster::State::Running);
        QCOMPARE(cluster->nodeCount(), 3);

        QTabWidget *tabs = window->tabs();
        QCOMPARE(tabs->tabText(tabs->indexOf(window->brokersView())), QStringLiteral("Brokers"));
        QCOMPARE(tabs->tabText(tabs->indexOf(window->partitionsView())), QStringLiteral("Partitions"));

        BrokersModel *brokers = window->brokersView()->brokersModel();
        QTRY_COMPARE_WITH_TIMEOUT(brokers->rowCount(), 3, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(countControllers(*brokers), 1, 15000);
        for (int id = 1; id <= 3; ++id)  // the quorum may name a voter before it has registered as a broker
            QTRY_VERIFY_WITH_TIMEOUT(isOnline(*brokers, id), 15000);
        // The embedded cluster answers DescribeQuorum: three voters, one of them the leader.
        QTRY_VERIFY_WITH_TIMEOUT(brokers->quorumSummary().contains(QLatin1String("epoch")), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(brokers->index(0, BrokersModel::Quorum).data().toString().left(5), QStringLiteral("voter"),
                                  15000);

        // Three partitions, so that some partition is led by a node other than the controller: its leadership
        // has to move when that node stops.
        {
            sluice::client::admin_client admin(window->bootstrap().toStdString(), std::chrono::seconds(10));
            const auto created = admin.create_topics({{"rf3", 3, 3, {}, {}}});
            QVERIFY2(created.ok() && created->front().ok(),
                     created.ok() ? created->front().message.c_str() : created.err().message.c_str());
        }
        if (const auto failure = produceRecords(window->bootstrap().toStdString(), "rf3", 5))
            QFAIL(qPrintable(*failure));

        // "Show partitions" on the topic switches to the Partitions tab, filtered to it.
        TopicsModel *topics = window->topicsModel();
        QTRY_VERIFY_WITH_TIMEOUT(topics->rowOf(QStringLiteral("rf3")) >= 0, 15000);
        window->showPartitionsOf(QStringLiteral("rf3"));
        QCOMPARE(tabs->currentWidget(), window->partitionsView());
        PartitionsFilterModel *shown = window->partitionsView()->proxyModel();
        QTRY_VERIFY_WITH_TIMEOUT(shown->rowCount() >= 1, 15000);
        for (int row = 0; row < shown->rowCount(); ++row)
            QCOMPARE(shown->index(row, PartitionsModel::Topic).data().toString(), QStringLiteral("rf3"));
        PartitionsModel *partitions = window->partitionsView()->partitionsModel();
        const int p0 = partitions->rowOf(QStringLiteral("rf3"), 0);
        QCOMPARE(partitions->index(p0, PartitionsModel::Replicas).data().toString().count(QLatin1Char(',')), 2);
        const auto health = [&] {
            return partitions->index(partitions->rowOf(QStringLiteral("rf3"), 0), 0).data(PartitionsModel::HealthRole).toInt();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!(health() & PartitionsModel::UnderReplicated), Timeout);

        // Stop, from the Brokers view, a node that leads a partition of rf3 and is not the controller.
        const auto leaderOf = [&](int partition) {
            return partitions->index(partitions->rowOf(QStringLiteral("rf3"), partition), PartitionsModel::Leader)
                .data(PartitionsModel::RawValueRole)
                .toInt();
        };
        const int controller = controllerOf(*brokers);
        int victim = -1;
        int moved = -1;  // the partition the victim leads
        for (int partition = 0; partition < 3 && victim < 0; ++partition) {
            if (const int leader = leaderOf(partition); leader >= 1 && leader != controller) {
                victim = leader;
                moved = partition;
            }
        }
        QVERIFY2(victim >= 1, "every partition of rf3 is led by the controller");
        BrokersView *view = window->brokersView();
        NodeActions *actions = view->nodeActions();
        if (const QByteArray path = qgetenv("SLUICE_SCREENSHOT"); !path.isEmpty()) {
            // The brokers before any node is touched (path with "-before" before the suffix).
            tabs->setCurrentWidget(view);
            view->selectBroker(victim);
            QTest::qWait(300);
            QString beforePath = QString::fromLocal8Bit(path);
            beforePath.insert(beforePath.lastIndexOf(QLatin1Char('.')), QLatin1String("-before"));
            QVERIFY(window->grab().save(beforePath));
            window->showPartitionsOf(QStringLiteral("rf3"));
        }
        QVERIFY(window->localClusterControls());
        window->localClusterControls()->setQuiet(true);  // a failure fails the checks below, not a modal box
        view->selectBroker(victim);
        QCOMPARE(actions->currentNode(), victim);
        QVERIFY(actions->stopAction()->isEnabled());
        QVERIFY(!actions->startAction()->isEnabled());  // it runs
        QVERIFY(!actions->healAction()->isEnabled());   // no fault yet
        actions->stopAction()->trigger();
        QVERIFY(!cluster->isNodeRunning(victim));
        const auto localNodeText = [&](int id) { return brokers->index(brokers->rowOf(id), BrokersModel::LocalNode).data().toString(); };
        QCOMPARE(localNodeText(victim), QStringLiteral("stopped"));
        QVERIFY(!actions->stopAction()->isEnabled());  // can't stop a stopped node
        QVERIFY(actions->startAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!isOnline(*brokers, victim), Timeout);
        QCOMPARE(brokers->rowCount(), 3);  // still listed
        QVERIFY(brokers->index(brokers->rowOf(victim), 0).data(BrokersModel::LastSeenRole).toLongLong() > 0);
        QVERIFY(brokers->index(brokers->rowOf(victim), BrokersModel::Status).data().toString().startsWith(
            QLatin1String("Offline since")));
        const auto describe = [&] {
            const int row = partitions->rowOf(QStringLiteral("rf3"), 0);
            return QStringLiteral("node %1 stopped; leader %2, replicas %3, ISR %4")
                .arg(victim)
                .arg(partitions->index(row, PartitionsModel::Leader).data().toString(),
                     partitions->index(row, PartitionsModel::Replicas).data().toString(),
                     partitions->index(row, PartitionsModel::Isr).data().toString());
        };
        // The leader drops the stopped follower from the ISR once it falls behind for replica.lag.time.max.ms
        // (30 s) if the controller has not already dropped it: records it cannot fetch make it fall behind.
        {
            sluice::client::cluster_client client(window->bootstrap().toStdString(), std::chrono::seconds(5));
            std::vector<sluice::protocol::record> records(3);
            for (auto &record : records)
                record.value = std::vector<uint8_t>{'x'};
            QTRY_VERIFY_WITH_TIMEOUT(client.produce("rf3", 0, records, 1).ok(), 15000);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(health() & PartitionsModel::UnderReplicated, qPrintable(describe()), Timeout);
        const auto isrOf = [&](int partition) {
            QStringList isr = partitions->index(partitions->rowOf(QStringLiteral("rf3"), partition), PartitionsModel::Isr)
                                  .data()
                                  .toString()
                                  .split(QLatin1Char(','));
            for (QString &id : isr)
                id = id.trimmed();
            return isr;
        };
        QVERIFY2(!isrOf(0).contains(QString::number(victim)), qPrintable(describe()));
        // The partition the stopped node led has a new leader, and the node left its ISR too.
        QTRY_VERIFY2_WITH_TIMEOUT(leaderOf(moved) >= 1 && leaderOf(moved) != victim, qPrintable(describe()), Timeout);
        QTRY_VERIFY2_WITH_TIMEOUT(!isrOf(moved).contains(QString::number(victim)), qPrintable(describe()), Timeout);
        shown->setHealthFilter(PartitionsFilterModel::HealthFilter::UnderReplicated);
        QVERIFY(shown->rowCount() >= 1);

        if (const QByteArray path = qgetenv("SLUICE_SCREENSHOT"); !path.isEmpty()) {
            // The partitions (path) and the brokers (path with "-brokers" before the suffix) with the node down.
            QVERIFY(window->grab().save(QString::fromLocal8Bit(path)));
            tabs->setCurrentWidget(window->brokersView());
            QString brokersPath = QString::fromLocal8Bit(path);
            brokersPath.insert(brokersPath.lastIndexOf(QLatin1Char('.')), QLatin1String("-brokers"));
            QVERIFY(window->grab().save(brokersPath));
        }

        view->selectBroker(victim);
        actions->startAction()->trigger();
        QVERIFY2(cluster->isNodeRunning(victim), qPrintable(window->localClusterControls()->errorString()));
        QVERIFY(localNodeText(victim).startsWith(QLatin1String("running")));
        QTRY_VERIFY_WITH_TIMEOUT(isOnline(*brokers, victim), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!(health() & PartitionsModel::UnderReplicated), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(
            partitions->index(partitions->rowOf(QStringLiteral("rf3"), 0), PartitionsModel::Isr).data().toString().count(QLatin1Char(',')),
            2, Timeout);  // full ISR again

        // Kill the active controller from the view (confirming the question): the quorum elects another leader,
        // which DescribeQuorum reports and the Brokers view's quorum line shows.
        const int oldLeader = brokers->quorumLeader();
        QVERIFY(oldLeader >= 1);
        QStringList questions;
        actions->setConfirm([&](const QString &, const QString &question) {
            questions << question;
            return true;
        });
        view->selectBroker(oldLeader);
        actions->killAction()->trigger();
        QCOMPARE(questions.size(), 1);
        QVERIFY(!cluster->isNodeRunning(oldLeader));
        QCOMPARE(localNodeText(oldLeader), QStringLiteral("killed"));
        QTRY_VERIFY2_WITH_TIMEOUT(brokers->quorumLeader() >= 1 && brokers->quorumLeader() != oldLeader,
                                  qPrintable(brokers->quorumSummary()), Timeout);
        QVERIFY(brokers->quorumSummary().contains(QStringLiteral("leader %1").arg(brokers->quorumLeader())));
        QTRY_VERIFY_WITH_TIMEOUT(controllerOf(*brokers) >= 1 && controllerOf(*brokers) != oldLeader, Timeout);

        if (const QByteArray path = qgetenv("SLUICE_SCREENSHOT"); !path.isEmpty()) {
            // The brokers (path with "-killed" before the suffix) once the killed controller's successor is known.
            tabs->setCurrentWidget(window->brokersView());
            view->selectBroker(oldLeader);
            QTRY_VERIFY_WITH_TIMEOUT(!isOnline(*brokers, oldLeader), Timeout);  // fenced: what a user waits for
            QTest::qWait(300);
            QString killedPath = QString::fromLocal8Bit(path);
            killedPath.insert(killedPath.lastIndexOf(QLatin1Char('.')), QLatin1String("-killed"));
            QVERIFY(window->grab().save(killedPath));
        }
    }
};

QTEST_MAIN(TestBrokersPartitionsE2E)
#include "test_brokers_partitions_e2e.moc"
