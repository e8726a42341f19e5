#include "LagHistory.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace {
constexpr qint64 PruneEveryMs = 3600 * 1000;
}  // namespace

QString LagHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lag-history.sqlite");
}

LagHistory::LagHistory(const QString &path, const QString &clusterKey, qint64 maxAgeMs)
    : m_path(path)
    , m_clusterKey(clusterKey)
    , m_connectionName(QStringLiteral("sluice-lag-history-%1").arg(reinterpret_cast<quintptr>(this)))
    , m_maxAgeMs(maxAgeMs)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = db.lastError().text();
        return;
    }
    QSqlQuery query(db);
    for (const char *statement : {
             "PRAGMA journal_mode=WAL",
             "PRAGMA synchronous=NORMAL",
             "CREATE TABLE IF NOT EXISTS lag (cluster TEXT NOT NULL, grp TEXT NOT NULL, topic TEXT NOT NULL, "
             "ts INTEGER NOT NULL, lag INTEGER NOT NULL)",
             "CREATE INDEX IF NOT EXISTS lag_by_group ON lag (cluster, grp, ts)",
             "CREATE INDEX IF NOT EXISTS lag_by_time ON lag (ts)"}) {
        if (!query.exec(QString::fromLatin1(statement))) {
            m_error = query.lastError().text();
            return;
        }
    }
    m_open = true;
    prune(QDateTime::currentMSecsSinceEpoch());
}

LagHistory::~LagHistory()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool LagHistory::insert(const QString &groupId, const LagSample &sample)
{
    if (!m_open)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT INTO lag (cluster, grp, topic, ts, lag) VALUES (?, ?, COALESCE(?, ''), ?, ?)"));
    query.addBindValue(m_clusterKey);
    query.addBindValue(groupId);
    query.addBindValue(sample.topic);
    query.addBindValue(sample.timestampMs);
    query.addBindValue(sample.lag);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

int LagHistory::record(const GroupsSnapshot &snapshot)
{
    if (!m_open)
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QVariantList clusters, groups, topics, times, lags;
    int written = 0;
    for (const GroupInfo &group : snapshot.groups) {
        const qint64 total = group.totalLag();
        if (total < 0)
            continue;
        auto last = m_lastRecordedMs.find(group.groupId);
        if (last != m_lastRecordedMs.end() && snapshot.takenAtMs - last->second < m_minIntervalMs)
            continue;
        m_lastRecordedMs[group.groupId] = snapshot.takenAtMs;
        std::map<std::string, qint64> perTopic;
        for (const GroupPartitionLag &p : group.partitions)
            if (p.lag >= 0)
                perTopic[p.topic] += p.lag;
        const QString groupId = QString::fromStdString(group.groupId);
        const auto add = [&](const QString &topic, qint64 lag) {
            clusters << m_clusterKey;
            groups << groupId;
            topics << topic;
            times << qint64(snapshot.takenAtMs);
            lags << lag;
        };
        add(QString(), total);
        for (const auto &[topic, lag] : perTopic)
            add(QString::fromStdString(topic), lag);
        ++written;
    }
    if (written > 0) {
        db.transaction();
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO lag (cluster, grp, topic, ts, lag) VALUES (?, ?, COALESCE(?, ''), ?, ?)"));
        query.addBindValue(clusters);
        query.addBindValue(groups);
        query.addBindValue(topics);
        query.addBindValue(times);
        query.addBindValue(lags);
        if (!query.execBatch()) {
            m_error = query.lastError().text();
            db.rollback();
            return 0;
        }
        db.commit();
    }
    if (snapshot.takenAtMs - m_lastPruneMs >= PruneEveryMs)
        prune(snapshot.takenAtMs);
    return written;
}

std::vector<LagSample> LagHistory::load(const QString &groupId, qint64 sinceMs, int maxPointsPerSeries) const
{
    std::vector<LagSample> samples;
    if (!m_open)
        return samples;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    qint64 bucketMs = 1;
    if (maxPointsPerSeries > 0) {
        query.prepare(QStringLiteral("SELECT MIN(ts), MAX(ts) FROM lag WHERE cluster = ? AND grp = ? AND ts >= ?"));
        query.addBindValue(m_clusterKey);
        query.addBindValue(groupId);
        query.addBindValue(sinceMs);
        if (query.exec() && query.next() && !query.value(0).isNull())
            bucketMs = qMax<qint64>(1, (query.value(1).toLongLong() - query.value(0).toLongLong()) / maxPointsPerSeries + 1);
    }
    if (bucketMs <= 1) {
        query.prepare(QStringLiteral("SELECT ts, topic, lag FROM lag WHERE cluster = ? AND grp = ? AND ts >= ? "
                                     "ORDER BY ts, topic"));
    } else {
        // One point per series and bucket: the bucket's last time and its largest lag (a spike stays visible).
        query.prepare(QStringLiteral("SELECT MAX(ts), topic, MAX(lag) FROM lag WHERE cluster = ? AND grp = ? AND ts >= ? "
                                     "GROUP BY topic, ts / %1 ORDER BY MAX(ts), topic")
                          .arg(bucketMs));
    }
    query.addBindValue(m_clusterKey);
    query.addBindValue(groupId);
    query.addBindValue(sinceMs);
    if (!query.exec())
        return samples;
    while (query.next())
        samples.push_back({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toLongLong()});
    return samples;
}

int LagHistory::prune(qint64 nowMs)
{
    m_lastPruneMs = nowMs;
    if (!m_open || m_maxAgeMs <= 0)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("DELETE FROM lag WHERE ts < ?"));
    query.addBindValue(nowMs - m_maxAgeMs);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return 0;
    }
    return query.numRowsAffected();
}
