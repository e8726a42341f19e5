// The reassignment and election forms against a FakeAdminService: the plan they propose, the exact requests they
// send, bad input refused with a reason (never replaced), progress and cancel from ListPartitionReassignments.
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "LeaderElectionDialog.h"
#include "ReassignmentDialog.h"
#include "Translations.h"
#include "fake_admin_service.h"
#include "snapshot_builder.h"

namespace {

// Three brokers; "orders" has 3 partitions of RF 1 on brokers 1, 2, 3.
ClusterSnapshotPtr threeBrokers()
{
    auto orders = testing::topic("orders", 3, 1);
    for (int p = 0; p < 3; ++p) {
        orders.partitions[static_cast<std::size_t>(p)].replicas = {p + 1};
        orders.partitions[static_cast<std::size_t>(p)].isr = {p + 1};
        orders.partitions[static_cast<std::size_t>(p)].leader = p + 1;
    }
    return std::make_shared<const sluice::client::cluster_snapshot>(testing::snapshot({orders}, 3));
}

QString proposedText(const ReassignmentDialog &dialog, int row)
{
    return dialog.table()->item(row, ReassignmentDialog::ProposedColumn)->text();
}

}  // namespace

class TestReplicaForms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void proposesAndSendsThePlan()
    {
        FakeAdminService admin;
        ReassignmentDialog dialog(&admin, threeBrokers(), QStringLiteral("orders"));
        QCOMPARE(dialog.replicationFactor(), 1);
        QVERIFY(!dialog.canApply());  // nothing changes yet
        QCOMPARE(dialog.diffText(), QStringLiteral("No change: every partition keeps its replicas."));

        dialog.setReplicationFactor(3);
        QCOMPARE(proposedText(dialog, 0), QStringLiteral("1, 2, 3"));
        QCOMPARE(proposedText(dialog, 1), QStringLiteral("2, 1, 3"));
        QCOMPARE(proposedText(dialog, 2), QStringLiteral("3, 1, 2"));
        QCOMPARE(dialog.table()->item(0, ReassignmentDialog::ChangeColumn)->text(), QStringLiteral("add 2, 3"));
        QVERIFY(dialog.diffText().contains(QStringLiteral("orders-2: [3] → [3, 1, 2]")));
        QCOMPARE(dialog.jsonText(),
                 QStringLiteral(R"({"version":1,"partitions":[)"
                                R"({"topic":"orders","partition":0,"replicas":[1,2,3],"log_dirs":["any","any","any"]},)"
                                R"({"topic":"orders","partition":1,"replicas":[2,1,3],"log_dirs":["any","any","any"]},)"
                                R"({"topic":"orders","partition":2,"replicas":[3,1,2],"log_dirs":["any","any","any"]}]})"));
        QVERIFY(dialog.commandText().contains(
            QStringLiteral("kafka-reassign-partitions.sh --bootstrap-server localhost:9092 --reassignment-json-file "
                           "reassignment.json --execute")));
        QVERIFY(dialog.canApply());

        QSignalSpy applied(&dialog, &ReassignmentDialog::applied);
        dialog.apply();
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(admin.reassignmentRequests.size(), 1);
        const ReassignmentRequest expected{{{QStringLiteral("orders"), 0, {1, 2, 3}},
                                            {QStringLiteral("orders"), 1, {2, 1, 3}},
                                            {QStringLiteral("orders"), 2, {3, 1, 2}}},
                                           false};
        QCOMPARE(admin.reassignmentRequests.first(), expected);

        // The cluster finished: the next snapshot has the new replicas, the form shows nothing left to do.
        auto done = *threeBrokers();
        done.topics[0].partitions[0].replicas = {1, 2, 3};
        done.topics[0].partitions[1].replicas = {2, 1, 3};
        done.topics[0].partitions[2].replicas = {3, 1, 2};
        dialog.onSnapshotReady(std::make_shared<const sluice::client::cluster_snapshot>(done), 2);
        QCOMPARE(dialog.table()->item(2, ReassignmentDialog::CurrentColumn)->text(), QStringLiteral("3, 1, 2"));
        QCOMPARE(dialog.table()->item(2, ReassignmentDialog::ChangeColumn)->text(), QStringLiteral("unchanged"));
        QVERIFY(!dialog.canApply());
    }

    void onlyChangedPartitionsAreSent()
    {
        FakeAdminService admin;
        ReassignmentDialog dialog(&admin, threeBrokers(), QStringLiteral("orders"));
        dialog.table()->item(1, ReassignmentDialog::ProposedColumn)->setText(QStringLiteral("2 3"));
        QVERIFY(dialog.problems().isEmpty());
        QCOMPARE(dialog.changes().size(), std::size_t(1));
        dialog.apply();
        QTRY_COMPARE(admin.reassignmentRequests.size(), 1);
        QCOMPARE(admin.reassignmentRequests.first().targets,
                 (QList<PartitionReplicas>{{QStringLiteral("orders"), 1, {2, 3}}}));
    }

    void badInputIsRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("replicas");
        QTest::addColumn<QString>("problem");
        QTest::newRow("unknown broker") << "1, 7" << "Partition 0: broker 7 is not one of the cluster's live brokers.";
        QTest::newRow("duplicate") << "1, 2, 1" << "Partition 0: broker 1 is listed more than once.";
        QTest::newRow("empty") << "" << "Partition 0: the replica list is empty.";
        QTest::newRow("not a number") << "1, two" << "Partition 0: “two” is not a broker id.";
    }
    void badInputIsRefusedWithAReason()
    {
        QFETCH(QString, replicas);
        QFETCH(QString, problem);
        FakeAdminService admin;
        ReassignmentDialog dialog(&admin, threeBrokers(), QStringLiteral("orders"));
        dialog.table()->item(0, ReassignmentDialog::ProposedColumn)->setText(replicas);
        QVERIFY2(dialog.problems().contains(problem), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
        QVERIFY(!dialog.canApply());
        dialog.apply();
        QTest::qWait(10);
        QVERIFY(admin.reassignmentRequests.isEmpty());
        QCOMPARE(proposedText(dialog, 0), replicas);  // kept as typed
    }

    void tooFewBrokersKeepsThePlan()
    {
        FakeAdminService admin;
        ReassignmentDialog dialog(&admin, threeBrokers(), QStringLiteral("orders"));
        dialog.setReplicationFactor(3);
        const QString before = proposedText(dialog, 0);
        dialog.setBrokerAllowed(3, false);  // RF 3 on two brokers cannot be placed
        QCOMPARE(proposedText(dialog, 0), before);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("reassignmentProblems"))
                    ->text()
                    .contains(QStringLiteral("A replication factor of 3 needs 3 brokers; only 2 are chosen.")));
        QVERIFY(!dialog.canApply());
    }

    void movesReplicasOffAnUncheckedBroker()
    {
        FakeAdminService admin;
        ReassignmentDialog dialog(&admin, threeBrokers(), QStringLiteral("orders"));
        dialog.setBrokerAllowed(3, false);
        QCOMPARE(proposedText(dialog, 0), QStringLiteral("1"));
        QCOMPARE(proposedText(dialog, 1), QStringLiteral("2"));
        QVERIFY(proposedText(dialog, 2) == QStringLiteral("1") || proposedText(dialog, 2) == QStringLiteral("2"));
        QCOMPARE(dialog.changes().size(), std::size_t(1));
    }

    void progressAndCancel()
    {
        FakeAdminService admin;
        admin.inProgress = {{QStringLiteral("orders"), 0, {1, 2, 3}, {2, 3}, {}}};
        ReassignmentDialog dialog(&admin, threeBrokers(), QStringLiteral("orders"));
        QTRY_COMPARE(dialog.reassigningCount(), 1);
        auto *progress = dialog.findChild<QLabel *>(QStringLiteral("reassignmentProgress"));
        QVERIFY(progress->text().contains(QStringLiteral("orders-0: adding 2, 3 · removing —")));
        if (const QByteArray dir = qgetenv("SLUICE_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/reassignment-in-progress.png")));
        dialog.cancelReassignment();
        QTRY_COMPARE(admin.reassignmentRequests.size(), 1);
        QVERIFY(admin.reassignmentRequests.first().cancel);
        QCOMPARE(admin.reassignmentRequests.first().targets.first().partition, 0);
        admin.inProgress.clear();
        dialog.pollProgress();
        QTRY_COMPARE(dialog.reassigningCount(), 0);
    }

    void electionSendsTheChosenType()
    {
        FakeAdminService admin;
        const QList<QPair<QString, int>> partitions{{QStringLiteral("orders"), 0}, {QStringLiteral("orders"), 2}};
        LeaderElectionDialog dialog(&admin, partitions, ElectionType::Preferred);
        QCOMPARE(dialog.jsonText(),
                 QStringLiteral(R"({"partitions":[{"topic":"orders","partition":0},{"topic":"orders","partition":2}]})"));
        QCOMPARE(dialog.commandText(),
                 QStringLiteral("kafka-leader-election.sh --bootstrap-server localhost:9092 --election-type PREFERRED "
                                "--path-to-json-file election.json"));
        auto *warning = dialog.findChild<QLabel *>(QStringLiteral("uncleanWarning"));
        QVERIFY(warning->isHidden());
        dialog.setElectionType(ElectionType::Unclean);
        QVERIFY(!warning->isHidden());
        QVERIFY(warning->text().contains(QStringLiteral("can lose data")));
        QVERIFY(dialog.commandText().contains(QStringLiteral("--election-type UNCLEAN")));
        QSignalSpy finished(&dialog, &LeaderElectionDialog::finished);
        dialog.elect();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(admin.electionRequests.size(), 1);
        QCOMPARE(admin.electionRequests.first(), (ElectionRequest{ElectionType::Unclean, partitions}));
    }
};

QTEST_MAIN(TestReplicaForms)
#include "test_replica_forms.moc"
