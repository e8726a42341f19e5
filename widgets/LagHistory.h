// LagHistory: consumer lag over time, per group (total and per topic), kept in a local SQLite file (QtSql) and
// bounded by age, so lag charts show the last hours and days after the app restarts.
#pragma once
#include <map>
#include <vector>

#include <QString>
#include <QtGlobal>

#include "GroupsSnapshot.h"

struct LagSample
{
    qint64 timestampMs = 0;
    QString topic;  // empty: the group's total
    qint64 lag = 0;
    bool operator==(const LagSample &) const = default;
};

class LagHistory
{
    Q_DISABLE_COPY_MOVE(LagHistory)

public:
    static constexpr qint64 DefaultMaxAgeMs = 7LL * 24 * 3600 * 1000;
    static constexpr qint64 DefaultMinIntervalMs = 10'000;

    // QStandardPaths::AppDataLocation + "/lag-history.sqlite".
    static QString defaultPath();

    // Opens (creating if needed) the file at path; clusterKey separates clusters that share group names.
    explicit LagHistory(const QString &path, const QString &clusterKey, qint64 maxAgeMs = DefaultMaxAgeMs);
    ~LagHistory();

    bool isOpen() const { return m_open; }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

    // Samples closer together than this (per group) are skipped by record(); 0 records every snapshot.
    void setMinimumInterval(qint64 milliseconds) { m_minIntervalMs = milliseconds; }

    // Stores every group's total lag and lag per topic at snapshot.takenAtMs (one transaction). Groups whose lag is
    // unknown are skipped. Returns the number of groups written.
    int record(const GroupsSnapshot &snapshot);
    // Stores one sample directly (tests, imports).
    bool insert(const QString &groupId, const LagSample &sample);
    // The group's samples at or after sinceMs, oldest first. With maxPointsPerSeries > 0, long ranges are
    // downsampled to about that many points per series (the largest lag in each time bucket).
    std::vector<LagSample> load(const QString &groupId, qint64 sinceMs, int maxPointsPerSeries = 0) const;
    // Deletes samples older than nowMs - maxAge; returns how many.
    int prune(qint64 nowMs);

private:
    QString m_path;
    QString m_clusterKey;
    QString m_connectionName;
    qint64 m_maxAgeMs;
    qint64 m_minIntervalMs = DefaultMinIntervalMs;
    qint64 m_lastPruneMs = 0;
    std::map<std::string, qint64> m_lastRecordedMs;  // per group
    bool m_open = false;
    QString m_error;
};
