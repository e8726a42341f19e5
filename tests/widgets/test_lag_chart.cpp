// LagChart's axes: a visible time axis at the bottom, attached to every series, spanning the selected window that
// ends now, drawn with HH:mm labels and vertical grid lines (rendered offscreen). Set SLUICE_LAG_CHART_SCREENSHOT=/path.png
// to save the picture.
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QRegularExpression>
#include <QTest>
#include <QValueAxis>

#include "LagChart.h"

namespace {
constexpr qint64 Minute = 60'000;
constexpr qint64 Hour = 60 * Minute;

QStringList visibleTimeLabels(LagChart &chart)
{
    static const QRegularExpression time(QStringLiteral("^\\d\\d:\\d\\d$"));
    const QRectF plot = chart.chart()->plotArea();
    QStringList labels;
    for (QGraphicsItem *item : chart.scene()->items()) {
        auto *text = qgraphicsitem_cast<QGraphicsTextItem *>(item);
        if (text && text->isVisible() && time.match(text->toPlainText()).hasMatch()
            && text->sceneBoundingRect().top() >= plot.bottom() - 1)
            labels << text->toPlainText();
    }
    return labels;
}

int verticalGridLines(LagChart &chart)
{
    const QRectF plot = chart.chart()->plotArea();
    int count = 0;
    for (QGraphicsItem *item : chart.scene()->items()) {
        auto *line = qgraphicsitem_cast<QGraphicsLineItem *>(item);
        if (!line || !line->isVisible())
            continue;
        const QPointF a = line->mapToScene(line->line().p1()), b = line->mapToScene(line->line().p2());
        if (qFuzzyCompare(a.x(), b.x()) && std::abs(a.y() - b.y()) >= plot.height() - 1)
            ++count;
    }
    return count;
}
}  // namespace

class TestLagChart : public QObject
{
    Q_OBJECT

private slots:
    void timeAxisIsAttachedAndSpansTheWindow()
    {
        LagChart chart;
        QDateTimeAxis *time = chart.timeAxis();
        QVERIFY(time);
        QCOMPARE(chart.chart()->axes(Qt::Horizontal), QList<QAbstractAxis *>{time});
        QCOMPARE(time->alignment(), Qt::AlignBottom);
        QVERIFY(time->isVisible());
        QVERIFY(time->labelsVisible());
        QVERIFY(time->isGridLineVisible());
        QCOMPARE(chart.timeWindow(), LagChart::DefaultTimeWindowMs);

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        chart.addSample({now - 40 * Minute, QString(), 5});
        chart.addSample({now - 40 * Minute, QStringLiteral("orders"), 5});
        chart.addSample({now, QString(), 12});
        QCOMPARE(chart.seriesCount(), 2);
        for (QAbstractSeries *series : chart.chart()->series()) {
            QVERIFY(series->attachedAxes().contains(time));
            QVERIFY(series->attachedAxes().contains(chart.lagAxis()));
        }
        // The last hour, ending now (rounded up to the minute), covers every sample.
        const qint64 from = time->min().toMSecsSinceEpoch(), to = time->max().toMSecsSinceEpoch();
        QCOMPARE(to - from, Hour);
        QVERIFY(to >= now && to - now < Minute + 1000);
        QVERIFY(from <= now - 40 * Minute);
        QCOMPARE(time->format(), QStringLiteral("HH:mm"));

        chart.setTimeWindow(7 * 24 * Hour);
        QCOMPARE(time->max().toMSecsSinceEpoch() - time->min().toMSecsSinceEpoch(), 7 * 24 * Hour);
        QCOMPARE(time->tickCount(), 8);  // one per day
        QVERIFY(chart.lagAxis()->max() >= 12);
    }

    void singleSampleShowsTheWholeWindow()
    {
        LagChart chart;
        chart.setTimeWindow(6 * Hour);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        chart.addSample({now, QString(), 3});
        const qint64 from = chart.timeAxis()->min().toMSecsSinceEpoch(), to = chart.timeAxis()->max().toMSecsSinceEpoch();
        QCOMPARE(to - from, 6 * Hour);
        QVERIFY(from < now && now <= to);
        // A cleared chart keeps the window (ending now) instead of collapsing the axis.
        chart.clear();
        QCOMPARE(chart.timeAxis()->max().toMSecsSinceEpoch() - chart.timeAxis()->min().toMSecsSinceEpoch(), 6 * Hour);
    }

    void rendersTimeLabelsAndGridLines()
    {
        LagChart chart;
        chart.resize(900, 420);
        chart.chart()->setTitle(QStringLiteral("Lag of shipping"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const int lags[] = {40, 35, 60, 22, 18, 30, 15};
        for (int i = 0; i < 7; ++i) {
            const qint64 at = now - (6 - i) * 9 * Minute;
            chart.addSample({at, QString(), lags[i]});
            chart.addSample({at, QStringLiteral("orders"), lags[i] * 2 / 3});
            chart.addSample({at, QStringLiteral("audit"), lags[i] - lags[i] * 2 / 3});
        }
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QCoreApplication::processEvents();

        const QStringList labels = visibleTimeLabels(chart);
        QVERIFY2(labels.size() >= 5, qPrintable(labels.join(u' ')));
        QVERIFY(labels.contains(QDateTime::fromMSecsSinceEpoch(chart.timeAxis()->max().toMSecsSinceEpoch())
                                    .toString(QStringLiteral("HH:mm"))));
        QVERIFY2(verticalGridLines(chart) >= chart.timeAxis()->tickCount() - 1,
                 qPrintable(QString::number(verticalGridLines(chart))));

        const QPixmap picture = chart.grab();
        QVERIFY(!picture.isNull());
        if (const QString path = qEnvironmentVariable("SLUICE_LAG_CHART_SCREENSHOT"); !path.isEmpty())
            QVERIFY(picture.save(path));
    }
};

QTEST_MAIN(TestLagChart)
#include "test_lag_chart.moc"
