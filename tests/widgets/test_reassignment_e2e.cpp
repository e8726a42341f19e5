// End to end: the real sluice window on its embedded three-node cluster; a topic created with replication factor 1
// is raised to 3 through the reassignment form (its plan, its Apply), and the cluster completes it: no reassignment
// left in ListPartitionReassignments and three replicas in every ISR. Then a preferred-leader election from the
// election form. Set SLUICE_SCREENSHOT_DIR to save the form, the map and the partitions view as PNGs.
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "engine/client/admin_client.h"

#include "AppOptions.h"
#include "ClusterSession.h"
#include "LeaderElectionDialog.h"
#include "LocalCluster.h"
#include "MainWindow.h"
#include "PartitionMapModel.h"
#include "PartitionMapView.h"
#include "PartitionsView.h"
#include "ReassignmentDialog.h"
#include "ReplicaActions.h"
#include "Startup.h"
#include "Translations.h"
#include "e2e_produce.h"

namespace {

constexpr int Timeout = 60000;
const char Topic[] = "grow";

// Partitions of the topic in the session's latest snapshot with `isr` in-sync replicas; -1 when it is not there.
int partitionsWithIsr(const ClusterSession &session, std::size_t isr)
{
    const ClusterSnapshotPtr snapshot = session.latestSnapshot();
    if (!snapshot)
        return -1;
    for (const auto &t : snapshot->topics)
        if (t.name == Topic) {
            int count = 0;
            for (const auto &p : t.partitions)
                count += p.isr.size() == isr && p.replicas.size() == isr ? 1 : 0;
            return count;
        }
    return -1;
}

void saveShot(QWidget *widget, const QString &name)
{
    const QByteArray dir = qgetenv("SLUICE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(QString::fromLocal8Bit(dir));
    QVERIFY(widget->grab().save(QDir(QString::fromLocal8Bit(dir)).filePath(name)));
}

}  // namespace

class TestReassignmentE2E : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(Translations::install(QLocale(QLocale::English)));
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SluiceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_reassignment_e2e"));
    }

    void replicationFactorOneToThreeThroughTheForm()
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
        window->resize(1200, 700);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->replicaActions());
        ClusterSession *session = window->session();
        QTRY_VERIFY_WITH_TIMEOUT(session->latestSnapshot() && session->latestSnapshot()->brokers.size() == 3, 20000);

        // The topic: 3 partitions of replication factor 1, with some records to copy.
        sluice::client::admin_client admin(window->bootstrap().toStdString(), std::chrono::seconds(10));
        sluice::client::new_topic_spec spec;
        spec.name = Topic;
        spec.partitions = 3;
        spec.replication_factor = 1;
        const auto created = admin.create_topics({spec});
        QVERIFY2(created.ok() && created.value().size() == 1 && created.value()[0].ok(),
                 created.ok() && !created.value().empty() ? created.value()[0].message.c_str() : "CreateTopics failed");
        if (const auto failure = testing::produceRecords(window->bootstrap().toStdString(), Topic, 50))
            QFAIL(qPrintable(*failure));
        QTRY_COMPARE_WITH_TIMEOUT(partitionsWithIsr(*session, 1), 3, 20000);

        // The form, as the Partitions view's action opens it.
        ReassignmentDialog *dialog = window->replicaActions()->openReassignment(QString::fromLatin1(Topic));
        QVERIFY(dialog);
        QCOMPARE(dialog->replicationFactor(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->reassigningCount(), 0, 10000);  // nothing running yet
        QVERIFY(!dialog->canApply());                                      // the plan changes nothing yet

        // Bad input is refused with a reason, not replaced.
        QTableWidget *table = dialog->table();
        table->item(0, ReassignmentDialog::ProposedColumn)->setText(QStringLiteral("1, 1, 9"));
        QVERIFY(!dialog->canApply());
        QVERIFY2(dialog->problems().join(QLatin1Char('\n')).contains(QLatin1String("broker 9 is not one of the cluster's live brokers")),
                 qPrintable(dialog->problems().join(QLatin1Char('\n'))));
        QVERIFY(dialog->problems().join(QLatin1Char('\n')).contains(QLatin1String("broker 1 is listed more than once")));

        dialog->setReplicationFactor(3);
        QVERIFY2(dialog->problems().isEmpty(), qPrintable(dialog->problems().join(QLatin1Char('\n'))));
        const auto plan = dialog->changes();
        QCOMPARE(plan.size(), std::size_t(3));
        const ClusterSnapshotPtr before = session->latestSnapshot();
        for (const auto &p : plan) {
            QCOMPARE(p.replicas.size(), std::size_t(3));
            for (const auto &t : before->topics)
                if (t.name == Topic)
                    QCOMPARE(p.replicas.front(), t.partitions[static_cast<std::size_t>(p.partition)].replicas.front());
        }
        QVERIFY(dialog->jsonText().startsWith(QLatin1String(R"({"version":1,"partitions":[{"topic":"grow","partition":0,"replicas":[)")));
        QVERIFY(dialog->commandText().contains(QLatin1String("kafka-reassign-partitions.sh --bootstrap-server ")));
        QVERIFY(dialog->commandText().contains(QLatin1String("--reassignment-json-file reassignment.json --execute")));
        QVERIFY(dialog->diffText().contains(QLatin1String("grow-0: [")));
        QVERIFY(dialog->canApply());
        saveShot(dialog, QStringLiteral("reassignment-plan.png"));

        QSignalSpy applied(dialog, &ReassignmentDialog::applied);
        dialog->apply();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 20000);
        const auto results = applied.first().first().value<PartitionResults>();
        QVERIFY2(results.result.ok(), qPrintable(results.result.text()));
        for (const PartitionOutcome &p : results.partitions)
            QVERIFY2(p.result.ok(), qPrintable(p.result.text()));

        // Bounded wait for the cluster to finish: nothing left to list and three replicas in each ISR.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto listed = admin.list_partition_reassignments();
                return listed.ok() && listed.value().empty();
            }(),
            Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(partitionsWithIsr(*session, 3), 3, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->reassigningCount(), 0, 10000);
        // The form follows the session: its current replicas are now the plan, so nothing is left to apply.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->canApply(), 10000);
        QCOMPARE(dialog->diffText(), QStringLiteral("No change: every partition keeps its replicas."));
        saveShot(dialog, QStringLiteral("reassignment-done.png"));

        // The map shows the new replicas: each broker holds one replica of each partition, all in sync.
        PartitionMapModel *map = window->partitionMapView()->mapModel();
        QTRY_VERIFY_WITH_TIMEOUT(map->rowOf(QString::fromLatin1(Topic), 0) >= 0, 10000);
        for (int partition = 0; partition < 3; ++partition)
            for (int broker = 1; broker <= 3; ++broker) {
                const auto state = [&] {
                    return static_cast<PartitionMapModel::CellState>(
                        map->index(map->rowOf(QString::fromLatin1(Topic), partition), map->columnOf(broker))
                            .data(PartitionMapModel::CellStateRole)
                            .toInt());
                };
                QTRY_VERIFY_WITH_TIMEOUT(state() == PartitionMapModel::CellState::Leader ||
                                             state() == PartitionMapModel::CellState::InSyncFollower,
                                         10000);
            }
        window->tabs()->setCurrentWidget(window->partitionMapView());
        saveShot(window.get(), QStringLiteral("map.png"));
        window->showPartitionsOf(QString::fromLatin1(Topic));
        saveShot(window.get(), QStringLiteral("partitions.png"));
        dialog->close();

        // A preferred-leader election from the form: every partition is led by its first replica already, so the
        // cluster answers "not needed" for each, which the form reports as such rather than as a failure.
        LeaderElectionDialog *election = window->replicaActions()->openElection(
            {{QString::fromLatin1(Topic), 0}, {QString::fromLatin1(Topic), 1}}, false);
        QVERIFY(election);
        QCOMPARE(election->jsonText(), QStringLiteral(R"({"partitions":[{"topic":"grow","partition":0},{"topic":"grow","partition":1}]})"));
        QVERIFY(election->commandText().contains(QLatin1String("kafka-leader-election.sh --bootstrap-server ")));
        QVERIFY(election->commandText().endsWith(QLatin1String("--election-type PREFERRED --path-to-json-file election.json")));
        QSignalSpy elected(election, &LeaderElectionDialog::finished);
        election->elect();
        QTRY_COMPARE_WITH_TIMEOUT(elected.count(), 1, 20000);
        QVERIFY2(elected.first().first().value<PartitionResults>().result.ok(), qPrintable(election->resultText()));
        QVERIFY2(!election->resultText().contains(QLatin1String("Failed")), qPrintable(election->resultText()));
        election->setElectionType(ElectionType::Unclean);
        saveShot(election, QStringLiteral("election-unclean.png"));
        election->close();

        // A node stops: on the map its column turns offline and the partitions it led get a leader elsewhere.
        const int victim = session->latestSnapshot()->controller_id == 3 ? 2 : 3;
        QVERIFY(window->localCluster()->stopNode(victim));
        const auto cellOf = [&](int partition, int broker) {
            return static_cast<PartitionMapModel::CellState>(
                map->index(map->rowOf(QString::fromLatin1(Topic), partition), map->columnOf(broker))
                    .data(PartitionMapModel::CellStateRole)
                    .toInt());
        };
        const auto ledElsewhere = [&](int partition) {
            for (int broker = 1; broker <= 3; ++broker)
                if (broker != victim && cellOf(partition, broker) == PartitionMapModel::CellState::Leader)
                    return true;
            return false;
        };
        for (int partition = 0; partition < 3; ++partition) {
            QTRY_COMPARE_WITH_TIMEOUT(cellOf(partition, victim), PartitionMapModel::CellState::Offline, Timeout);
            QTRY_VERIFY_WITH_TIMEOUT(ledElsewhere(partition), Timeout);
        }
        QVERIFY(map->headerData(map->columnOf(victim), Qt::Horizontal).toString().contains(QLatin1String("(offline)")));
        window->tabs()->setCurrentWidget(window->partitionMapView());
        saveShot(window.get(), QStringLiteral("map-node-stopped.png"));
        QVERIFY(window->localCluster()->startNode(victim));
    }
};

QTEST_MAIN(TestReassignmentE2E)
#include "test_reassignment_e2e.moc"
