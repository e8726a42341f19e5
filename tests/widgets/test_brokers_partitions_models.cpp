// PartitionsModel, its filter proxy and BrokersModel from hand-built snapshots: rows, health detection
// (under-replicated, offline, leader not preferred), filters, a broker that leaves the metadata, 10,000 partitions;
// the local nodes' states and sizes on disk, and which node actions they allow.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

#include "BrokersModel.h"
#include "NodeActions.h"
#include "PartitionsFilterModel.h"
#include "PartitionsModel.h"
#include "Translations.h"
#include "snapshot_builder.h"

using testing::snapshot;
using testing::topic;

namespace {

// Three brokers; "orders" has 3 partitions of RF 3: p0 healthy, p1 under-replicated, p2 led by a non-preferred replica.
sluice::client::cluster_snapshot mixedHealth()
{
    auto orders = topic("orders", 3, 3, 10, 2);
    orders.partitions[1].isr = {1, 2};
    orders.partitions[1].log_end_offset = 13;  // 3 records not yet on every ISR member
    orders.partitions[1].size_bytes = 1536;
    orders.partitions[2].leader = 2;
    auto audit = topic("audit", 1, 3);
    audit.partitions[0].leader = -1;  // offline
    audit.partitions[0].isr = {};
    return snapshot({orders, audit}, 3);
}

int healthOf(const PartitionsModel &model, const QString &topicName, int partition)
{
    return model.index(model.rowOf(topicName, partition), 0).data(PartitionsModel::HealthRole).toInt();
}

}  // namespace

class TestBrokersPartitionsModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void partitionRowsAndValues()
    {
        PartitionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(mixedHealth());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, PartitionsModel::Topic).data().toString(), QStringLiteral("audit"));
        const int row = model.rowOf(QStringLiteral("orders"), 1);
        QCOMPARE(row, 2);
        QCOMPARE(model.index(row, PartitionsModel::Replicas).data().toString(), QStringLiteral("1, 2, 3"));
        QCOMPARE(model.index(row, PartitionsModel::Isr).data().toString(), QStringLiteral("1, 2"));
        QCOMPARE(model.index(row, PartitionsModel::StartOffset).data(PartitionsModel::RawValueRole).toLongLong(), 2);
        QCOMPARE(model.index(row, PartitionsModel::HighWatermark).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(row, PartitionsModel::LogEndOffset).data().toString(), QStringLiteral("13"));
        QVERIFY(model.index(row, PartitionsModel::LogEndOffset).data(Qt::ToolTipRole).toString().startsWith(
            QStringLiteral("3 records on the leader are not yet on every in-sync replica")));
        QCOMPARE(model.index(row, PartitionsModel::Size).data().toString(), QStringLiteral("1.5 KiB"));
        QCOMPARE(model.index(row, PartitionsModel::Size).data(PartitionsModel::RawValueRole).toLongLong(), 1536);
        QCOMPARE(model.index(0, PartitionsModel::LogEndOffset).data().toString(), QStringLiteral("—"));  // not reported
        QCOMPARE(model.index(0, PartitionsModel::Size).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.headerData(PartitionsModel::HighWatermark, Qt::Horizontal).toString(), QStringLiteral("High watermark"));
        QCOMPARE(model.headerData(PartitionsModel::LogEndOffset, Qt::Horizontal).toString(), QStringLiteral("Log end (LEO)"));
        QCOMPARE(model.index(row, PartitionsModel::Status).data().toString(), QStringLiteral("Under-replicated"));
        QCOMPARE(model.index(0, PartitionsModel::Leader).data().toString(), QStringLiteral("none"));
        QCOMPARE(model.index(0, PartitionsModel::Status).data().toString(), QStringLiteral("Offline"));
    }

    void detectsHealth()
    {
        PartitionsModel model;
        model.applySnapshot(mixedHealth());
        QCOMPARE(healthOf(model, QStringLiteral("orders"), 0), int(PartitionsModel::Healthy));
        QCOMPARE(healthOf(model, QStringLiteral("orders"), 1), int(PartitionsModel::UnderReplicated));
        QCOMPARE(healthOf(model, QStringLiteral("orders"), 2), int(PartitionsModel::NotPreferredLeader));
        QVERIFY(healthOf(model, QStringLiteral("audit"), 0) & PartitionsModel::Offline);
        QVERIFY(healthOf(model, QStringLiteral("audit"), 0) & PartitionsModel::UnderReplicated);

        // Not by colour alone: the alarming rows are bold and carry an icon in the status column.
        const int under = model.rowOf(QStringLiteral("orders"), 1);
        QVERIFY(model.index(under, PartitionsModel::Topic).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(under, PartitionsModel::Status).data(Qt::DecorationRole).isNull());
        QVERIFY(model.index(under, PartitionsModel::Topic).data(Qt::ForegroundRole).isValid());
        const int healthy = model.rowOf(QStringLiteral("orders"), 0);
        QVERIFY(!model.index(healthy, PartitionsModel::Topic).data(Qt::FontRole).isValid());
        QVERIFY(model.index(healthy, PartitionsModel::Status).data(Qt::DecorationRole).isNull());
    }

    void offlineReplicasAreThoseNotInMetadata()
    {
        auto snap = snapshot({topic("orders", 2, 3)}, 3);
        snap.brokers.erase(snap.brokers.begin() + 2);  // broker 3 left the metadata
        for (auto &p : snap.topics[0].partitions)
            p.isr = {1, 2};
        PartitionsModel model;
        model.applySnapshot(snap);
        QCOMPARE(model.index(0, PartitionsModel::OfflineReplicas).data().toString(), QStringLiteral("3"));
        QVERIFY(healthOf(model, QStringLiteral("orders"), 0) & PartitionsModel::ReplicasOffline);
        QVERIFY(healthOf(model, QStringLiteral("orders"), 0) & PartitionsModel::UnderReplicated);
    }

    void updatesInPlace()
    {
        PartitionsModel model;
        model.applySnapshot(mixedHealth());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        auto next = mixedHealth();
        next.topics[0].partitions[1].isr = {1, 2, 3};  // caught up again
        model.applySnapshot(next);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(healthOf(model, QStringLiteral("orders"), 1), int(PartitionsModel::Healthy));
    }

    void filters_data()
    {
        QTest::addColumn<int>("health");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("exact");
        QTest::addColumn<int>("rows");

        using F = PartitionsFilterModel::HealthFilter;
        QTest::newRow("all") << int(F::All) << QString() << false << 4;
        QTest::newRow("under-replicated") << int(F::UnderReplicated) << QString() << false << 2;
        QTest::newRow("offline") << int(F::Offline) << QString() << false << 1;
        QTest::newRow("leader not preferred") << int(F::NotPreferredLeader) << QString() << false << 1;
        QTest::newRow("any problem") << int(F::AnyProblem) << QString() << false << 3;
        QTest::newRow("topic text, any case") << int(F::All) << QStringLiteral("ORD") << false << 3;
        QTest::newRow("topic and health") << int(F::UnderReplicated) << QStringLiteral("ord") << false << 1;
        QTest::newRow("exact topic") << int(F::All) << QStringLiteral("orders") << true << 3;
        QTest::newRow("exact is not a part") << int(F::All) << QStringLiteral("order") << true << 0;
    }

    void filters()
    {
        QFETCH(int, health);
        QFETCH(QString, text);
        QFETCH(bool, exact);
        QFETCH(int, rows);
        PartitionsModel model;
        model.applySnapshot(mixedHealth());
        PartitionsFilterModel proxy;
        proxy.setSourceModel(&model);
        proxy.setHealthFilter(static_cast<PartitionsFilterModel::HealthFilter>(health));
        proxy.setTopicFilter(text, exact);
        QCOMPARE(proxy.rowCount(), rows);
    }

    void sortsByPartitionNumberNotText()
    {
        PartitionsModel model;
        model.applySnapshot(snapshot({topic("t", 12, 1)}));
        PartitionsFilterModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(PartitionsModel::Partition, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, PartitionsModel::Partition).data().toInt(), 11);
        QCOMPARE(proxy.index(11, PartitionsModel::Partition).data().toInt(), 0);
    }

    void tenThousandPartitions()
    {
        std::vector<sluice::client::topic_info> topics;
        for (int t = 0; t < 100; ++t)
            topics.push_back(topic("topic-" + std::to_string(t), 100, 3, 1000));
        auto snap = snapshot(std::move(topics), 3);
        PartitionsModel model;
        model.applySnapshot(snap);
        QCOMPARE(model.rowCount(), 10000);
        PartitionsFilterModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(PartitionsModel::HighWatermark);
        snap.topics[50].partitions[7].isr = {1};
        model.applySnapshot(snap);
        proxy.setHealthFilter(PartitionsFilterModel::HealthFilter::UnderReplicated);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, PartitionsModel::Topic).data().toString(), QStringLiteral("topic-50"));
    }

    void brokerRowsRolesAndCounts()
    {
        auto snap = mixedHealth();
        snap.controller_id = 2;
        snap.brokers[0].rack = "rack-a";
        BrokersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(snap);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, BrokersModel::Address).data().toString(), QStringLiteral("127.0.0.1:9092"));
        QCOMPARE(model.index(0, BrokersModel::Rack).data().toString(), QStringLiteral("rack-a"));
        QCOMPARE(model.index(1, BrokersModel::Role).data().toString(), QStringLiteral("Active controller"));
        QCOMPARE(model.index(0, BrokersModel::Role).data().toString(), QStringLiteral("Broker"));
        // orders p0, p1 and audit p0 (none) are led by 1 or nobody; p2 by 2.
        QCOMPARE(model.index(0, BrokersModel::Leaders).data(BrokersModel::RawValueRole).toInt(), 2);
        QCOMPARE(model.index(1, BrokersModel::Leaders).data(BrokersModel::RawValueRole).toInt(), 1);
        QCOMPARE(model.index(2, BrokersModel::Replicas).data(BrokersModel::RawValueRole).toInt(), 4);
        // Without DescribeQuorum the quorum columns say so.
        QCOMPARE(model.index(0, BrokersModel::Quorum).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(0, BrokersModel::QuorumLag).data().toString(), QStringLiteral("—"));
        QVERIFY(model.quorumSummary().contains(QLatin1String("not reported")));
    }

    void quorumRolesAndLag()
    {
        auto snap = mixedHealth();
        sluice::client::quorum_info quorum;
        quorum.leader_id = 1;
        quorum.leader_epoch = 4;
        quorum.high_watermark = 100;
        quorum.voters = {{1, 105, -1}, {2, 100, -1}, {3, 90, -1}};
        snap.quorum = quorum;
        snap.brokers.push_back({4, "127.0.0.1", 9096, std::nullopt});
        quorum.observers = {{4, 104, -1}};
        snap.quorum = quorum;
        BrokersModel model;
        QSignalSpy summary(&model, &BrokersModel::quorumSummaryChanged);
        model.applySnapshot(snap);
        QCOMPARE(summary.count(), 1);
        QVERIFY2(model.quorumSummary().contains(QLatin1String("epoch 4")), qPrintable(model.quorumSummary()));
        QVERIFY(model.quorumSummary().contains(QLatin1String("high watermark 100")));
        QCOMPARE(model.index(0, BrokersModel::Quorum).data().toString(), QStringLiteral("voter (leader)"));
        QCOMPARE(model.index(1, BrokersModel::Quorum).data().toString(), QStringLiteral("voter"));
        QCOMPARE(model.index(3, BrokersModel::Quorum).data().toString(), QStringLiteral("observer"));
        QCOMPARE(model.index(0, BrokersModel::QuorumLag).data(BrokersModel::RawValueRole).toLongLong(), 0);
        QCOMPARE(model.index(2, BrokersModel::QuorumLag).data(BrokersModel::RawValueRole).toLongLong(), 15);
        QCOMPARE(model.index(3, BrokersModel::QuorumLag).data(BrokersModel::RawValueRole).toLongLong(), 1);
    }

    void localNodesAndSizesOnDisk()
    {
        auto snap = snapshot({topic("orders", 3, 3)}, 3);
        snap.brokers[0].log_dir_bytes = 3 * 1024 * 1024;
        BrokersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(snap);
        QCOMPARE(model.index(0, BrokersModel::LogDirSize).data().toString(), QStringLiteral("3 MiB"));
        QCOMPARE(model.index(1, BrokersModel::LogDirSize).data().toString(), QStringLiteral("—"));
        QVERIFY(!model.hasLocalNodes());
        QCOMPARE(model.index(0, BrokersModel::LocalNode).data().toString(), QStringLiteral("—"));

        // Killed but not yet fenced: the metadata still lists it, and the Status says what that means.
        LocalNodeStates states{{1, {}}, {2, {}}, {3, {}}};
        states[2].process = LocalNodeState::Process::Killed;
        states[3].isolated = true;
        states[3].latencyMs = 200;
        states[1].clientConnections = 2;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setLocalNodeStates(states);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.index(0, BrokersModel::LocalNode).data().toString(), QStringLiteral("running  ·  2 clients"));
        QCOMPARE(model.index(1, BrokersModel::LocalNode).data().toString(), QStringLiteral("killed"));
        QCOMPARE(model.index(1, BrokersModel::Status).data().toString(), QStringLiteral("Down, not yet fenced"));
        QCOMPARE(model.index(2, BrokersModel::LocalNode).data().toString(),
                 QStringLiteral("running  ·  cut off  ·  +200 ms to peers"));
        QVERIFY(model.hasLinkFaults());
        model.applySnapshot(snap);  // the next poll keeps them
        QCOMPARE(model.index(1, BrokersModel::LocalNode).data().toString(), QStringLiteral("killed"));

        // The actions follow the selected node's state: no stopping a stopped node, no cutting one off twice.
        QWidget parent;
        NodeActions actions(&model, &parent);
        QList<NodeCommand> requested;
        connect(&actions, &NodeActions::requested, this, [&](const NodeCommand &command) { requested << command; });
        actions.setCurrentNode(2);
        QVERIFY(!actions.stopAction()->isEnabled());
        QVERIFY(!actions.killAction()->isEnabled());
        QVERIFY(actions.startAction()->isEnabled());
        QVERIFY(actions.healAction()->isEnabled());
        actions.setCurrentNode(3);
        QVERIFY(actions.stopAction()->isEnabled());
        QVERIFY(!actions.isolateAction()->isEnabled());
        QVERIFY(actions.latencyAction()->isEnabled());
        actions.setCurrentNode(1);
        bool confirm = false;
        actions.setConfirm([&](const QString &, const QString &) { return confirm; });
        actions.killAction()->trigger();  // refused at the question
        QVERIFY(requested.isEmpty());
        confirm = true;
        actions.killAction()->trigger();
        actions.setAskLatency([](int) { return std::optional<int>(350); });
        actions.latencyAction()->trigger();
        actions.setAskLatency([](int) { return std::optional<int>(); });  // cancelled
        actions.latencyAction()->trigger();
        actions.healAction()->trigger();
        QCOMPARE(requested, (QList<NodeCommand>{{NodeCommand::Kind::Kill, 1, 0},
                                                {NodeCommand::Kind::AddLatency, 1, 350},
                                                {NodeCommand::Kind::HealAll, -1, 0}}));
        actions.setCurrentNode(-1);  // nothing selected
        QVERIFY(!actions.stopAction()->isEnabled());
        QVERIFY(!actions.startAction()->isEnabled());
    }

    void brokerThatLeavesStaysListedAsOffline()
    {
        auto snap = snapshot({topic("orders", 3, 3)}, 3);
        snap.taken_at_ms = 1'700'000'000'000;
        BrokersModel model;
        model.applySnapshot(snap);
        QCOMPARE(model.rowCount(), 3);

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        auto later = snap;
        later.taken_at_ms = snap.taken_at_ms + 5000;
        later.brokers.erase(later.brokers.begin() + 2);
        for (auto &p : later.topics[0].partitions)
            p.isr = {1, 2};
        model.applySnapshot(later);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.rowCount(), 3);
        const int row = model.rowOf(3);
        QVERIFY(!model.index(row, 0).data(BrokersModel::OnlineRole).toBool());
        QCOMPARE(model.index(row, 0).data(BrokersModel::LastSeenRole).toLongLong(), snap.taken_at_ms);
        QVERIFY(model.index(row, BrokersModel::Status).data().toString().startsWith(QLatin1String("Offline since ")));
        QCOMPARE(model.index(row, BrokersModel::Address).data().toString(), QStringLiteral("127.0.0.1:9094"));
        QCOMPARE(model.index(model.rowOf(1), 0).data(BrokersModel::LastSeenRole).toLongLong(), later.taken_at_ms);

        model.applySnapshot(snap);  // back
        QVERIFY(model.index(row, 0).data(BrokersModel::OnlineRole).toBool());
        QCOMPARE(model.index(row, BrokersModel::Status).data().toString(), QStringLiteral("Online"));
    }

    void replicaOfUnknownBrokerIsOffline()
    {
        auto snap = snapshot({topic("orders", 1, 3)}, 2);  // replica 3 never in metadata
        BrokersModel model;
        model.applySnapshot(snap);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, 0).data(BrokersModel::LastSeenRole).toLongLong(), -1);
        QCOMPARE(model.index(2, BrokersModel::Status).data().toString(), QStringLiteral("Offline (never seen)"));
    }
};

QTEST_MAIN(TestBrokersPartitionsModels)
#include "test_brokers_partitions_models.moc"
