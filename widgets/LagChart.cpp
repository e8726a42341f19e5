#include "LagChart.h"

#include <algorithm>
#include <cmath>

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

LagChart::LagChart(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QDateTimeAxis)
    , m_lagAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("lagChart"));
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    m_timeAxis->setTitleText(tr("Time"));
    m_lagAxis->setTitleText(tr("Lag (records)"));
    m_lagAxis->setLabelFormat(QStringLiteral("%.0f"));
    // Both axes get their range, format and tick count before they join the chart: QtCharts (6.4) sizes a
    // horizontal QDateTimeAxis from the labels of the range it has when it is added, and only recomputes that size
    // when the format or tick count changes, not the range. Added with its default (empty) range, the axis kept a
    // zero size, so it drew no labels, no title and no vertical grid lines.
    updateAxes();
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_lagAxis, Qt::AlignLeft);
    setChart(chart);  // the view owns the chart
}

void LagChart::setMaximumPoints(int points)
{
    m_maxPoints = std::max(2, points);
    for (auto &[topic, series] : m_series)
        if (series->count() > m_maxPoints)
            series->removePoints(0, series->count() - m_maxPoints);
}

void LagChart::clear()
{
    for (auto &[topic, series] : m_series) {
        chart()->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_maxTime = 0;
    updateAxes();
}

void LagChart::setTimeWindow(qint64 milliseconds)
{
    m_windowMs = std::max<qint64>(60'000, milliseconds);
    updateAxes();
}

QLineSeries *LagChart::seriesFor(const QString &topic)
{
    if (auto it = m_series.find(topic); it != m_series.end())
        return it->second;
    auto *series = new QLineSeries(this);
    series->setName(topic.isEmpty() ? tr("Total") : topic);
    if (topic.isEmpty()) {
        QPen pen = series->pen();
        pen.setWidthF(2.5);
        series->setPen(pen);
    }
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_lagAxis);
    m_series.emplace(topic, series);
    return series;
}

void LagChart::append(QLineSeries *series, qint64 timestampMs, qint64 lag)
{
    series->append(static_cast<qreal>(timestampMs), static_cast<qreal>(lag));
    if (series->count() > m_maxPoints)
        series->removePoints(0, series->count() - m_maxPoints);
    m_maxTime = std::max(m_maxTime, timestampMs);
}

void LagChart::addSample(const LagSample &sample)
{
    append(seriesFor(sample.topic), sample.timestampMs, sample.lag);
    if (!m_batching)
        updateAxes();
}

void LagChart::addGroup(qint64 timestampMs, const GroupInfo &group)
{
    const qint64 total = group.totalLag();
    if (total < 0)
        return;
    std::map<std::string, qint64> perTopic;
    for (const GroupPartitionLag &p : group.partitions)
        if (p.lag >= 0)
            perTopic[p.topic] += p.lag;
    append(seriesFor(QString()), timestampMs, total);
    for (const auto &[topic, lag] : perTopic)
        append(seriesFor(QString::fromStdString(topic)), timestampMs, lag);
    updateAxes();
}

void LagChart::setHistory(const std::vector<LagSample> &samples)
{
    clear();
    m_batching = true;
    for (const LagSample &sample : samples)
        addSample(sample);
    m_batching = false;
    updateAxes();
}

QList<QPointF> LagChart::points(const QString &topic) const
{
    auto it = m_series.find(topic);
    return it == m_series.end() ? QList<QPointF>() : it->second->points();
}

void LagChart::updateAxes()
{
    // Time: the window ends now (or at the newest sample, if the clocks disagree), rounded up to a whole minute so
    // that the HH:mm labels fall on exact minutes; one tick per sixth of the window, per day for several days.
    constexpr qint64 Minute = 60'000, Day = 24 * 3600 * 1000;
    const qint64 newest = std::max(m_maxTime, QDateTime::currentMSecsSinceEpoch());
    const qint64 end = (newest + Minute - 1) / Minute * Minute;
    const qint64 days = m_windowMs / Day;
    const bool perDay = m_windowMs % Day == 0 && days >= 2 && days <= 10;
    m_timeAxis->setTickCount(perDay ? static_cast<int>(days) + 1 : 7);
    m_timeAxis->setFormat(m_windowMs > Day          ? QStringLiteral("MMM d HH:mm")
                          : m_windowMs >= 30 * Minute ? QStringLiteral("HH:mm")
                                                      : QStringLiteral("HH:mm:ss"));
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(end - m_windowMs), QDateTime::fromMSecsSinceEpoch(end));

    // Lag: from zero to a round number above the highest point, in 2 to 5 steps of 1, 2 or 5 times a power of ten.
    double highest = 0;
    for (const auto &[topic, series] : m_series)
        for (const QPointF &point : series->points())
            highest = std::max(highest, point.y());
    const double top = std::max(10.0, highest * 1.1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(top / 5)));
    double step = magnitude;
    for (const double factor : {1.0, 2.0, 5.0, 10.0})
        if (top / (factor * magnitude) <= 5) {
            step = factor * magnitude;
            break;
        }
    const double steps = std::ceil(top / step - 1e-9);
    m_lagAxis->setTickCount(static_cast<int>(steps) + 1);
    m_lagAxis->setRange(0, steps * step);
}
