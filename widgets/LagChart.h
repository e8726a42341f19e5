// LagChart: one consumer group's lag over time (total and per topic) as line series, each a bounded ring of points.
#pragma once
#include <map>
#include <vector>

#include <QChartView>
#include <QString>

#include "LagHistory.h"

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

class LagChart : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagChart)

public:
    static constexpr int DefaultMaximumPoints = 1000;
    static constexpr qint64 DefaultTimeWindowMs = 3600LL * 1000;

    explicit LagChart(QWidget *parent = nullptr);

    // Points kept per series; older ones drop off as new ones arrive.
    void setMaximumPoints(int points);
    int maximumPoints() const { return m_maxPoints; }
    // Span of the time axis (the selected range); it ends now, or at the newest sample if that is later.
    void setTimeWindow(qint64 milliseconds);
    qint64 timeWindow() const { return m_windowMs; }

    // Removes every series (another group was selected).
    void clear();
    // Replaces the content with stored history (oldest first).
    void setHistory(const std::vector<LagSample> &samples);
    // Appends one sample; topic empty for the total. Creates the series on first use.
    void addSample(const LagSample &sample);
    // Appends the total and per-topic lag of group at timestampMs.
    void addGroup(qint64 timestampMs, const GroupInfo &group);

    int seriesCount() const { return static_cast<int>(m_series.size()); }
    // Points of a series (empty topic: total); empty when there is no such series.
    QList<QPointF> points(const QString &topic) const;

    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *lagAxis() const { return m_lagAxis; }

private:
    QLineSeries *seriesFor(const QString &topic);
    void append(QLineSeries *series, qint64 timestampMs, qint64 lag);
    void updateAxes();

    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_lagAxis;
    std::map<QString, QLineSeries *> m_series;  // "" is the total
    int m_maxPoints = DefaultMaximumPoints;
    qint64 m_windowMs = DefaultTimeWindowMs;
    qint64 m_maxTime = 0;  // newest sample, 0 when there is none
    bool m_batching = false;
};
