// RetentionModel: one row per topic with its effective retention.ms, retention.bytes and cleanup.policy (value and
// source, from DescribeConfigs) and what it holds now (size from DescribeLogDirs, records, oldest record time).
// Rows are diffed in place as topics come and go and as answers arrive.
#pragma once
#include <vector>

#include <QAbstractTableModel>
#include <QStringList>

#include "AdminTypes.h"

class RetentionModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionModel)

public:
    enum Column
    {
        Topic,
        CleanupPolicy,
        RetentionTime,
        RetentionSize,
        Size,
        Records,
        OldestRecord,
        Overrides,  // the retention configs the topic overrides
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        RawValueRole = Qt::UserRole,  // the config's raw value, or a number (-1 = unknown)
        TopicNameRole,
        SourceRole                    // ConfigSource of the column's config, as int
    };

    explicit RetentionModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &topic) const;
    QStringList topics() const;
    // The topic's DescribeConfigs entry for a retention config (null before the configs arrived).
    const ConfigEntry *entry(const QString &topic, const QString &configName) const;
    // For tests and screenshots: "now" used for ages (0 = the current time).
    void setNow(qint64 msSinceEpoch) { m_nowMs = msSinceEpoch; }

public slots:
    // The topics to show (sorted, unique); rows of other topics go, new ones come in empty.
    void setTopics(const QStringList &topics);
    void applyConfigs(const QList<ConfigDescription> &descriptions);
    void applyUsage(const QList<TopicUsage> &usage);

private:
    struct Row
    {
        QString topic;
        QList<ConfigEntry> configs;  // retention.ms, retention.bytes, cleanup.policy once known
        QString configError;
        TopicUsage usage;
    };
    const ConfigEntry *find(const Row &row, const QString &name) const;
    QVariant displayValue(const Row &row, int column) const;

    std::vector<Row> m_rows;  // sorted by topic
    qint64 m_nowMs = 0;
};
