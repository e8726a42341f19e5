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
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(6);
    m_lagAxis->setTitleText(tr("Lag (records)"));
    m_lagAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_lagAxis->setMin(0);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_lagAxis, Qt::AlignLeft);
    setChart(chart);  // the view owns the chart
    clear();
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
    m_minTime = m_maxTime = 0;
    const QDateTime now = QDateTime::currentDateTime();
    m_timeAxis->setRange(now.addSecs(-60), now);
    m_lagAxis->setRange(0, 10);
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
    m_minTime = m_minTime == 0 ? timestampMs : std::min(m_minTime, timestampMs);
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
    // Time: the oldest point still kept to the newest, at least a minute wide.
    qint64 oldest = m_maxTime;
    double highest = 0;
    for (const auto &[topic, series] : m_series) {
        if (series->count() == 0)
            continue;
        oldest = std::min(oldest, static_cast<qint64>(series->at(0).x()));
        for (const QPointF &point : series->points())
            highest = std::max(highest, point.y());
    }
    if (m_maxTime == 0)
        return;
    const qint64 from = std::min(oldest, m_maxTime - 60'000);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(m_maxTime));
    const qint64 spanMs = m_maxTime - from;
    m_timeAxis->setFormat(spanMs > 24LL * 3600 * 1000 ? QStringLiteral("MMM d HH:mm")
                          : spanMs > 3600 * 1000      ? QStringLiteral("HH:mm")
                                                      : QStringLiteral("HH:mm:ss"));
    // Lag: from zero to a round number above the highest point.
    const double top = std::max(10.0, highest * 1.1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(top)));
    m_lagAxis->setRange(0, std::ceil(top / magnitude) * magnitude);
}
