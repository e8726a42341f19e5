// PartitionMapModel from hand-built snapshots: cell states per broker, 10,000 partitions × 5 brokers aggregated by
// topic (contents, not time), a node that falls out of the ISR and then stops (cells change, leaders move, the column
// stays), and in-place updates: no model reset on a same-shape refresh.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "PartitionMapDelegate.h"
#include "PartitionMapModel.h"
#include "PartitionMapView.h"
#include "Translations.h"
#include "snapshot_builder.h"

using State = PartitionMapModel::CellState;
using testing::snapshot;

namespace {

// `topics` topics of `partitions` partitions each, RF 3 over `brokers` brokers: partition p of any topic has replicas
// p, p+1, p+2 (mod brokers, ids from 1), led by the first, all in sync.
sluice::client::cluster_snapshot striped(int topics, int partitions, int brokers)
{
    std::vector<sluice::client::topic_info> all;
    for (int t = 0; t < topics; ++t) {
        sluice::client::topic_info topic;
        topic.name = "topic-" + std::to_string(1000 + t);
        for (int p = 0; p < partitions; ++p) {
            sluice::client::partition_info info;
            info.partition = p;
            for (int r = 0; r < 3; ++r)
                info.replicas.push_back((p + r) % brokers + 1);
            info.leader = info.replicas.front();
            info.isr = info.replicas;
            topic.partitions.push_back(info);
        }
        all.push_back(topic);
    }
    return snapshot(std::move(all), brokers);
}

State stateAt(const PartitionMapModel &model, const QString &topic, int partition, int broker)
{
    return static_cast<State>(
        model.index(model.rowOf(topic, partition), model.columnOf(broker)).data(PartitionMapModel::CellStateRole).toInt());
}

int countAt(const PartitionMapModel &model, const QString &topic, int broker, int role)
{
    return model.index(model.rowOf(topic), model.columnOf(broker)).data(role).toInt();
}

}  // namespace

class TestPartitionMapModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(QLocale(QLocale::English))); }

    void partitionCells()
    {
        PartitionMapModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto snap = striped(1, 3, 3);
        snap.topics[0].partitions[1].isr = {2, 3};  // broker 1 fell behind on partition 1
        model.applySnapshot(snap);
        QVERIFY(!model.isAggregated());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), PartitionMapModel::FirstBrokerColumn + 3);
        const QString topic = QStringLiteral("topic-1000");
        QCOMPARE(stateAt(model, topic, 0, 1), State::Leader);
        QCOMPARE(stateAt(model, topic, 0, 2), State::InSyncFollower);
        QCOMPARE(stateAt(model, topic, 1, 2), State::Leader);
        QCOMPARE(stateAt(model, topic, 1, 1), State::OutOfSync);
        QCOMPARE(model.index(model.rowOf(topic, 1), model.columnOf(1)).data().toString(), QStringLiteral("Out of sync"));
        QCOMPARE(model.index(0, PartitionMapModel::Topic).data().toString(), topic);
        QCOMPARE(model.index(2, PartitionMapModel::Partition).data().toInt(), 2);
        QVERIFY(model.headerData(model.columnOf(1), Qt::Horizontal).toString().startsWith(QStringLiteral("Broker 1\n")));
        QCOMPARE(model.headerData(model.columnOf(1), Qt::Horizontal, PartitionMapModel::BrokerIdRole).toInt(), 1);
    }

    void tenThousandPartitionsAggregateByTopic()
    {
        PartitionMapModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(striped(100, 100, 5));  // 10,000 partitions × 5 brokers
        QVERIFY(model.isAggregated());
        QCOMPARE(model.partitionCount(), 10000);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.columnCount(), PartitionMapModel::FirstBrokerColumn + 5);
        const QString topic = QStringLiteral("topic-1042");
        const int row = model.rowOf(topic);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, PartitionMapModel::Partition).data().toString(), QStringLiteral("100 partitions"));
        QVERIFY(model.index(row, 0).data(PartitionMapModel::AggregatedRole).toBool());
        // 100 partitions striped over 5 brokers with RF 3: each broker leads 20 and holds 60 replicas.
        for (int broker = 1; broker <= 5; ++broker) {
            QCOMPARE(countAt(model, topic, broker, PartitionMapModel::LeadersRole), 20);
            QCOMPARE(countAt(model, topic, broker, PartitionMapModel::ReplicasRole), 60);
            QCOMPARE(countAt(model, topic, broker, PartitionMapModel::OutOfSyncRole), 0);
            QCOMPARE(countAt(model, topic, broker, PartitionMapModel::OfflineRole), 0);
        }
        QCOMPARE(model.index(row, model.columnOf(3)).data().toString(), QStringLiteral("L 20 · R 60"));
        QCOMPARE(static_cast<State>(model.index(row, model.columnOf(3)).data(PartitionMapModel::CellStateRole).toInt()),
                 State::Leader);
        // Header totals: 2,000 leaders and 6,000 replicas per broker over all topics.
        QCOMPARE(model.headerData(model.columnOf(2), Qt::Horizontal).toString(),
                 QStringLiteral("Broker 2\n2,000 leaders · 6,000 replicas"));

        // Forced back to one row per partition: a reset (another kind of row), 10,000 rows.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setAggregation(PartitionMapModel::Aggregation::PerPartition);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(stateAt(model, topic, 7, 3), State::Leader);  // replicas 3, 4, 5
        QCOMPARE(stateAt(model, topic, 7, 5), State::InSyncFollower);
        QCOMPARE(stateAt(model, topic, 7, 1), State::None);
    }

    void aggregatedRowsUpdateInPlace()
    {
        PartitionMapModel model;
        auto snap = striped(100, 100, 5);
        model.applySnapshot(snap);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.applySnapshot(snap);  // same snapshot: nothing to tell
        QCOMPARE(changed.count(), 0);

        // Broker 5 falls behind on every partition of one topic.
        for (auto &p : snap.topics[10].partitions)
            std::erase(p.isr, 5);
        model.applySnapshot(snap);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(layouts.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 1);
        const int row = model.rowOf(QStringLiteral("topic-1010"));
        QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), row);
        // Broker 5 leads 20 (those stay, a leader is always in its ISR here) and follows 40, now out of sync.
        QCOMPARE(countAt(model, QStringLiteral("topic-1010"), 5, PartitionMapModel::OutOfSyncRole), 40);
        QCOMPARE(static_cast<State>(model.index(row, model.columnOf(5)).data(PartitionMapModel::CellStateRole).toInt()),
                 State::OutOfSync);
        QCOMPARE(model.index(row, model.columnOf(5)).data().toString(), QStringLiteral("L 20 · R 60 · 40 out of sync"));
    }

    void nodeStopsCellsChangeAndLeadersMove()
    {
        PartitionMapModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto snap = striped(2, 3, 3);  // 6 partitions, RF 3 on brokers 1-3
        model.applySnapshot(snap);
        const QString topic = QStringLiteral("topic-1001");
        QCOMPARE(stateAt(model, topic, 2, 3), State::Leader);   // replicas 3, 1, 2
        QCOMPARE(stateAt(model, topic, 0, 3), State::InSyncFollower);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removedColumns(&model, &QAbstractItemModel::columnsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);

        // Broker 3 stops answering: it leaves every ISR and the partitions it led move to the next replica.
        for (auto &t : snap.topics)
            for (auto &p : t.partitions) {
                std::erase(p.isr, 3);
                if (p.leader == 3)
                    p.leader = p.isr.front();
            }
        model.applySnapshot(snap);
        QCOMPARE(resets.count(), 0);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(stateAt(model, topic, 0, 3), State::OutOfSync);
        QCOMPARE(stateAt(model, topic, 2, 3), State::OutOfSync);
        QCOMPARE(stateAt(model, topic, 2, 1), State::Leader);   // leadership moved to broker 1
        QVERIFY(headers.count() >= 1);
        QVERIFY(model.headerData(model.columnOf(3), Qt::Horizontal).toString().contains(QStringLiteral("0 leaders")));

        // Then it is fenced and leaves the metadata: its column stays, marked offline, its replicas offline.
        snap.brokers.erase(snap.brokers.begin() + 2);
        model.applySnapshot(snap);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removedColumns.count(), 0);
        QCOMPARE(model.columnCount(), PartitionMapModel::FirstBrokerColumn + 3);
        QCOMPARE(stateAt(model, topic, 0, 3), State::Offline);
        QCOMPARE(stateAt(model, topic, 1, 1), State::InSyncFollower);
        QVERIFY(model.headerData(model.columnOf(3), Qt::Horizontal).toString().startsWith(QStringLiteral("Broker 3 (offline)")));

        // It comes back and catches up: in sync again, the same rows, still no reset.
        snap = striped(2, 3, 3);
        for (auto &t : snap.topics)
            for (auto &p : t.partitions)
                if (p.leader == 3)
                    p.leader = 1;
        model.applySnapshot(snap);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(stateAt(model, topic, 0, 3), State::InSyncFollower);
        QCOMPARE(stateAt(model, topic, 2, 3), State::InSyncFollower);
    }

    void partitionWithoutLeaderIsOffline()
    {
        PartitionMapModel model;
        auto snap = striped(1, 1, 3);
        snap.topics[0].partitions[0].leader = -1;
        snap.topics[0].partitions[0].isr = {};
        model.applySnapshot(snap);
        for (int broker = 1; broker <= 3; ++broker)
            QCOMPARE(stateAt(model, QStringLiteral("topic-1000"), 0, broker), State::Offline);
    }

    void newTopicsAndBrokersInsertWithoutReset()
    {
        PartitionMapModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(striped(1, 2, 3));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy rows(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy columns(&model, &QAbstractItemModel::columnsInserted);
        model.applySnapshot(striped(2, 2, 4));  // one more topic, one more broker
        QCOMPARE(resets.count(), 0);
        QCOMPARE(columns.count(), 1);
        QCOMPARE(rows.count(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnOf(4), PartitionMapModel::FirstBrokerColumn + 3);
    }

    void viewPaintsLargeMap()
    {
        // The view with its delegate renders the aggregated map (no per-cell widgets) offscreen.
        PartitionMapModel model;
        model.applySnapshot(striped(100, 100, 5));
        PartitionMapView view(&model);
        view.resize(1000, 600);
        const QPixmap picture = view.grab();
        QVERIFY(!picture.isNull());
        if (const QByteArray path = qgetenv("SLUICE_MAP_SCREENSHOT"); !path.isEmpty())
            picture.save(QString::fromLocal8Bit(path));
        QVERIFY(PartitionMapDelegate::fillColor(State::Leader) != PartitionMapDelegate::fillColor(State::OutOfSync));
        QVERIFY(PartitionMapDelegate::fillColor(State::Offline) != PartitionMapDelegate::fillColor(State::InSyncFollower));
    }
};

QTEST_MAIN(TestPartitionMapModel)
#include "test_partition_map_model.moc"
