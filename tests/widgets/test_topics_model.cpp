// TopicsModel: snapshots diffed into row inserts/removes/updates (never a reset), values, roles, the proxy.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "TopicsModel.h"
#include "TopicsSortFilterModel.h"
#include "snapshot_builder.h"

using testing::snapshot;
using testing::snapshotOfNames;
using testing::topic;

namespace {

std::vector<std::string> toStd(const QStringList &names)
{
    std::vector<std::string> out;
    for (const QString &n : names)
        out.push_back(n.toStdString());
    return out;
}

QStringList namesIn(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, TopicsModel::Name).data().toString();
    return names;
}

}  // namespace

class TestTopicsModel : public QObject
{
    Q_OBJECT

private slots:
    void diffsSnapshots_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QStringList>("expectedRows");
        QTest::addColumn<int>("insertSignals");
        QTest::addColumn<int>("removeSignals");

        QTest::newRow("first snapshot, sorted by name") << QStringList{} << QStringList{"orders", "audit", "metrics"}
                                                        << QStringList{"audit", "metrics", "orders"} << 1 << 0;
        QTest::newRow("all topics deleted") << QStringList{"a", "b", "c"} << QStringList{} << QStringList{} << 0 << 1;
        QTest::newRow("middle topic deleted") << QStringList{"a", "b", "c"} << QStringList{"a", "c"}
                                              << QStringList{"a", "c"} << 0 << 1;
        QTest::newRow("topic created between two") << QStringList{"a", "c"} << QStringList{"a", "b", "c"}
                                                    << QStringList{"a", "b", "c"} << 1 << 0;
        QTest::newRow("adjacent creations batch into one insert")
            << QStringList{"a", "z"} << QStringList{"a", "m", "n", "o", "z"} << QStringList{"a", "m", "n", "o", "z"} << 1 << 0;
        QTest::newRow("interleaved creations and deletions")
            << QStringList{"a", "c", "e"} << QStringList{"b", "c", "d"} << QStringList{"b", "c", "d"} << 2 << 2;
        QTest::newRow("nothing changed") << QStringList{"a", "b"} << QStringList{"b", "a"} << QStringList{"a", "b"} << 0 << 0;
        QTest::newRow("duplicate names collapse") << QStringList{} << QStringList{"a", "b", "a"}
                                                  << QStringList{"a", "b"} << 1 << 0;
    }
    void diffsSnapshots()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QStringList, expectedRows);
        QFETCH(int, insertSignals);
        QFETCH(int, removeSignals);

        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(snapshotOfNames(toStd(before)));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        model.applySnapshot(snapshotOfNames(toStd(after)));

        QCOMPARE(namesIn(model), expectedRows);
        QCOMPARE(inserted.count(), insertSignals);
        QCOMPARE(removed.count(), removeSignals);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
    }

    void updatesOnlyChangedRows()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(snapshot({topic("a", 1, 1, 10), topic("b", 1, 1, 20), topic("c", 1, 1, 30)}));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.applySnapshot(snapshot({topic("a", 1, 1, 10), topic("b", 1, 1, 25), topic("c", 1, 1, 30)}));

        QCOMPARE(changed.count(), 1);
        const auto topLeft = changed.first().at(0).toModelIndex();
        const auto bottomRight = changed.first().at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 1);
        QCOMPARE(bottomRight.row(), 1);
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), TopicsModel::ColumnCount - 1);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.index(1, TopicsModel::EndOffset).data(TopicsModel::RawValueRole).toLongLong(), 25);

        // The same snapshot again changes nothing.
        changed.clear();
        model.applySnapshot(snapshot({topic("a", 1, 1, 10), topic("b", 1, 1, 25), topic("c", 1, 1, 30)}));
        QCOMPARE(changed.count(), 0);
    }

    void insertUpdateAndRemoveInOneTick()
    {
        TopicsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(snapshot({topic("a", 1, 1, 1), topic("b", 1, 1, 2), topic("d", 1, 1, 4)}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applySnapshot(snapshot({topic("b", 1, 1, 3), topic("c", 1, 1, 0), topic("d", 1, 1, 4)}));
        QCOMPARE(namesIn(model), (QStringList{"b", "c", "d"}));
        QCOMPARE(changed.count(), 1);  // only "b"
        QCOMPARE(model.index(0, TopicsModel::EndOffset).data(TopicsModel::RawValueRole).toLongLong(), 3);
    }

    void aggregatesPartitions_data()
    {
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("replicas");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("expectedEnd");
        QTest::addColumn<qint64>("expectedMessages");
        QTest::addColumn<QString>("expectedEndText");

        QTest::newRow("one partition") << 1 << 1 << qint64(0) << qint64(42) << qint64(42) << qint64(42) << "42";
        QTest::newRow("sums over partitions") << 12 << 3 << qint64(100) << qint64(250000) << qint64(3000000)
                                              << qint64(12 * 249900) << "3,000,000";
        QTest::newRow("empty topic") << 3 << 1 << qint64(0) << qint64(0) << qint64(0) << qint64(0) << "0";
        QTest::newRow("offsets unknown") << 2 << 1 << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1) << "—";
        QTest::newRow("no partitions") << 0 << 0 << qint64(0) << qint64(0) << qint64(-1) << qint64(-1) << "—";
    }
    void aggregatesPartitions()
    {
        QFETCH(int, partitions);
        QFETCH(int, replicas);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, expectedEnd);
        QFETCH(qint64, expectedMessages);
        QFETCH(QString, expectedEndText);

        TopicsModel model;
        model.applySnapshot(snapshot({topic("t", partitions, replicas, end, start)}));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TopicsModel::Partitions).data(TopicsModel::RawValueRole).toInt(), partitions);
        QCOMPARE(model.index(0, TopicsModel::Replicas).data(TopicsModel::RawValueRole).toInt(), replicas);
        QCOMPARE(model.index(0, TopicsModel::EndOffset).data(TopicsModel::RawValueRole).toLongLong(), expectedEnd);
        QCOMPARE(model.index(0, TopicsModel::Messages).data(TopicsModel::RawValueRole).toLongLong(), expectedMessages);
        QCOMPARE(model.index(0, TopicsModel::EndOffset).data().toString(), expectedEndText);
    }

    void rolesAndAlignment()
    {
        TopicsModel model;
        auto errored = topic("broken", 1);
        errored.partitions[0].error = 5;  // LEADER_NOT_AVAILABLE
        model.applySnapshot(snapshot({topic("__consumer_offsets", 50, 1, 0, 0, true), errored}));
        const int internalRow = model.rowOf(QStringLiteral("__consumer_offsets"));
        const int brokenRow = model.rowOf(QStringLiteral("broken"));
        QCOMPARE(model.rowOf(QStringLiteral("missing")), -1);
        QVERIFY(internalRow >= 0 && brokenRow >= 0);

        QCOMPARE(model.index(internalRow, TopicsModel::Internal).data(TopicsModel::RawValueRole).toBool(), true);
        QVERIFY(!model.index(internalRow, TopicsModel::Internal).data().toString().isEmpty());
        QCOMPARE(model.index(brokenRow, TopicsModel::Internal).data().toString(), QString());
        QCOMPARE(model.index(brokenRow, TopicsModel::EndOffset).data(TopicsModel::TopicNameRole).toString(),
                 QStringLiteral("broken"));
        QCOMPARE(model.index(brokenRow, TopicsModel::Name).data(TopicsModel::ErrorCodeRole).toInt(), 5);
        QVERIFY(model.index(brokenRow, TopicsModel::Name).data(Qt::ToolTipRole).toString().contains(QLatin1String("5")));

        const auto alignment = [&](int column) {
            return model.index(0, column).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
        };
        QVERIFY(alignment(TopicsModel::Name) & Qt::AlignLeft);
        for (int column : {TopicsModel::Partitions, TopicsModel::Replicas, TopicsModel::EndOffset, TopicsModel::Messages})
            QVERIFY(alignment(column) & Qt::AlignRight);
        for (int column = 0; column < TopicsModel::ColumnCount; ++column)
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    }

    void ignoresStaleVersions()
    {
        TopicsModel model;
        model.onSnapshotReady(std::make_shared<const sluice::client::cluster_snapshot>(snapshotOfNames({"new"})), 2);
        model.onSnapshotReady(std::make_shared<const sluice::client::cluster_snapshot>(snapshotOfNames({"old"})), 1);
        QCOMPARE(namesIn(model), QStringList{"new"});
        QCOMPARE(model.snapshotVersion(), quint64(2));
    }

    void proxySortsNumericallyAndFilters()
    {
        TopicsModel model;
        TopicsSortFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applySnapshot(snapshot({topic("orders", 1, 1, 9), topic("payments", 1, 1, 10), topic("Orders-dlq", 1, 1, 100),
                                      topic("__consumer_offsets", 50, 1, 0, 0, true)}));

        proxy.sort(TopicsModel::EndOffset, Qt::AscendingOrder);
        QCOMPARE(namesIn(proxy), (QStringList{"__consumer_offsets", "orders", "payments", "Orders-dlq"}));

        proxy.setFilterFixedString(QStringLiteral("ORDERS"));
        QCOMPARE(namesIn(proxy), (QStringList{"orders", "Orders-dlq"}));

        proxy.setFilterFixedString(QString());
        proxy.setShowInternal(false);
        QCOMPARE(proxy.rowCount(), 3);

        // A live update re-sorts: payments jumps past Orders-dlq.
        model.applySnapshot(snapshot({topic("orders", 1, 1, 9), topic("payments", 1, 1, 1000), topic("Orders-dlq", 1, 1, 100),
                                      topic("__consumer_offsets", 50, 1, 0, 0, true)}));
        QCOMPARE(namesIn(proxy), (QStringList{"orders", "Orders-dlq", "payments"}));
    }
};

QTEST_MAIN(TestTopicsModel)
#include "test_topics_model.moc"
