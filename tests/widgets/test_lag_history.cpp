// LagHistory (SQLite through QtSql): write, read back after reopening, prune by age, downsample; LagChart's ring.
#include <QTemporaryDir>
#include <QTest>

#include "LagChart.h"
#include "LagHistory.h"
#include "groups_builder.h"

using namespace testing;

namespace {
constexpr qint64 T0 = 1'700'000'000'000;
constexpr qint64 Hour = 3600 * 1000;
}  // namespace

class TestLagHistory : public QObject
{
    Q_OBJECT

private slots:
    void writesAndReadsBackAfterReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history/lag.sqlite"));  // the folder is created
        {
            LagHistory history(path, QStringLiteral("cluster-a"), 0);
            QVERIFY2(history.isOpen(), qPrintable(history.errorString()));
            history.setMinimumInterval(0);
            auto g = group("app", {partitionLag("orders", 0, 5, 10), partitionLag("orders", 1, 0, 20), partitionLag("audit", 0, 1, 2)});
            QCOMPARE(history.record(groupsSnapshot({g, group("no-commits")}, T0)), 1);  // unknown lag is skipped
            g.partitions[0] = partitionLag("orders", 0, 10, 10);
            QCOMPARE(history.record(groupsSnapshot({g}, T0 + 1000)), 1);
        }
        LagHistory reopened(path, QStringLiteral("cluster-a"), 0);
        const auto samples = reopened.load(QStringLiteral("app"), 0);
        const std::vector<LagSample> expected = {
            {T0, "", 26}, {T0, "audit", 1}, {T0, "orders", 25},
            {T0 + 1000, "", 21}, {T0 + 1000, "audit", 1}, {T0 + 1000, "orders", 20}};
        QCOMPARE(samples, expected);
        QCOMPARE(reopened.load(QStringLiteral("app"), T0 + 1).size(), std::size_t(3));
        // Another cluster with the same group name sees nothing.
        LagHistory other(path, QStringLiteral("cluster-b"), 0);
        QVERIFY(other.load(QStringLiteral("app"), 0).empty());
    }

    void skipsSamplesCloserThanTheInterval()
    {
        QTemporaryDir dir;
        LagHistory history(dir.filePath(QStringLiteral("lag.sqlite")), QStringLiteral("c"), 0);
        history.setMinimumInterval(10'000);
        const auto g = group("app", {partitionLag("t", 0, 1, 2)});
        QCOMPARE(history.record(groupsSnapshot({g}, T0)), 1);
        QCOMPARE(history.record(groupsSnapshot({g}, T0 + 5'000)), 0);
        QCOMPARE(history.record(groupsSnapshot({g}, T0 + 10'000)), 1);
    }

    void prunesByAge()
    {
        QTemporaryDir dir;
        LagHistory history(dir.filePath(QStringLiteral("lag.sqlite")), QStringLiteral("c"), 24 * Hour);
        for (int h = 0; h < 48; ++h)
            QVERIFY(history.insert(QStringLiteral("app"), {T0 + h * Hour, QString(), h}));
        QCOMPARE(history.prune(T0 + 48 * Hour), 24);  // older than 24 hours before "now"
        const auto samples = history.load(QStringLiteral("app"), 0);
        QCOMPARE(samples.size(), std::size_t(24));
        QCOMPARE(samples.front().timestampMs, T0 + 24 * Hour);
    }

    void downsamplesLongRanges()
    {
        QTemporaryDir dir;
        LagHistory history(dir.filePath(QStringLiteral("lag.sqlite")), QStringLiteral("c"), 0);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(history.insert(QStringLiteral("app"), {T0 + i * 1000, QString(), i == 500 ? 9999 : 1}));
        const auto samples = history.load(QStringLiteral("app"), 0, 100);
        QVERIFY(samples.size() <= 101);
        QVERIFY(samples.size() >= 90);
        // The spike survives downsampling (largest lag per bucket).
        QVERIFY(std::any_of(samples.begin(), samples.end(), [](const LagSample &s) { return s.lag == 9999; }));
    }

    void chartKeepsABoundedRingPerSeries()
    {
        LagChart chart;
        chart.setMaximumPoints(10);
        auto g = group("app", {partitionLag("orders", 0, 0, 5), partitionLag("audit", 0, 0, 1)});
        for (int i = 0; i < 25; ++i) {
            g.partitions[0] = partitionLag("orders", 0, 0, i);
            chart.addGroup(T0 + i * 1000, g);
        }
        QCOMPARE(chart.seriesCount(), 3);  // total, audit, orders
        const auto total = chart.points(QString());
        QCOMPARE(total.size(), 10);
        QCOMPARE(qint64(total.first().x()), T0 + 15 * 1000);
        QCOMPARE(total.last().y(), 25.0);  // 24 + 1
        QCOMPARE(chart.points(QStringLiteral("orders")).size(), 10);

        chart.setHistory({{T0, QString(), 3}, {T0, QStringLiteral("orders"), 3}, {T0 + 1000, QString(), 4}});
        QCOMPARE(chart.seriesCount(), 2);
        QCOMPARE(chart.points(QString()).size(), 2);
    }
};

QTEST_MAIN(TestLagHistory)
#include "test_lag_history.moc"
