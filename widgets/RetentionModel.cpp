#include "RetentionModel.h"

#include <algorithm>

#include <QDateTime>
#include <QFont>

#include "TopicConfigCatalog.h"
#include "units.h"

namespace {
const QString RetentionMs = QStringLiteral("retention.ms");
const QString RetentionBytes = QStringLiteral("retention.bytes");
const QString Policy = QStringLiteral("cleanup.policy");

QString configOf(int column)
{
    switch (column) {
    case RetentionModel::CleanupPolicy:
        return Policy;
    case RetentionModel::RetentionTime:
        return RetentionMs;
    case RetentionModel::RetentionSize:
        return RetentionBytes;
    default:
        return {};
    }
}
}  // namespace

RetentionModel::RetentionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RetentionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RetentionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int RetentionModel::rowOf(const QString &topic) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), topic,
                                     [](const Row &row, const QString &name) { return row.topic < name; });
    return it != m_rows.end() && it->topic == topic ? static_cast<int>(it - m_rows.begin()) : -1;
}

QStringList RetentionModel::topics() const
{
    QStringList names;
    for (const Row &row : m_rows)
        names << row.topic;
    return names;
}

const ConfigEntry *RetentionModel::find(const Row &row, const QString &name) const
{
    for (const ConfigEntry &entry : row.configs)
        if (entry.name == name)
            return &entry;
    return nullptr;
}

const ConfigEntry *RetentionModel::entry(const QString &topic, const QString &configName) const
{
    const int row = rowOf(topic);
    return row < 0 ? nullptr : find(m_rows[static_cast<std::size_t>(row)], configName);
}

QVariant RetentionModel::displayValue(const Row &row, int column) const
{
    switch (column) {
    case Topic:
        return row.topic;
    case CleanupPolicy:
    case RetentionTime:
    case RetentionSize: {
        const ConfigEntry *e = find(row, configOf(column));
        if (!e)
            return row.configError.isEmpty() ? QString() : tr("?");
        const QString human = Units::formatConfigValue(e->name, e->value);
        return human.isEmpty() ? e->value : human;
    }
    case Size:
        return row.usage.sizeBytes >= 0 ? Units::formatBytes(row.usage.sizeBytes) : QString();
    case Records:
        return row.usage.records >= 0 ? Units::formatCount(row.usage.records) : QString();
    case OldestRecord: {
        if (row.usage.oldestTimestampMs < 0)
            return row.usage.records == 0 ? tr("empty") : QString();
        const qint64 now = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
        return Units::formatAge(qMax<qint64>(0, now - row.usage.oldestTimestampMs));
    }
    case Overrides: {
        QStringList overridden;
        for (const ConfigEntry &e : row.configs)
            if (e.source == ConfigSource::TopicOverride)
                overridden << e.name;
        return overridden.isEmpty() ? (row.configs.isEmpty() ? QString() : tr("none")) : overridden.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant RetentionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, column);
    case TopicNameRole:
        return row.topic;
    case RawValueRole:
        switch (column) {
        case Topic:
            return row.topic;
        case Size:
            return row.usage.sizeBytes;
        case Records:
            return row.usage.records;
        case OldestRecord:
            return row.usage.oldestTimestampMs;
        default:
            if (const ConfigEntry *e = find(row, configOf(column)))
                return e->value;
            return {};
        }
    case SourceRole:
        if (const ConfigEntry *e = find(row, configOf(column)))
            return static_cast<int>(e->source);
        return {};
    case Qt::FontRole:
        if (const ConfigEntry *e = find(row, configOf(column)); e && e->source == ConfigSource::TopicOverride) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == OldestRecord && row.usage.oldestTimestampMs >= 0)
            return Units::formatTimestamp(row.usage.oldestTimestampMs);
        if (column == Topic && !row.configError.isEmpty())
            return row.configError;
        if (const ConfigEntry *e = find(row, configOf(column))) {
            const QString synonym = e->source != ConfigSource::TopicOverride && e->source != ConfigSource::Default &&
                                            !e->synonyms.isEmpty()
                                        ? e->synonyms.first().name
                                        : QString();
            return tr("%1=%2\nSource: %3 (%4)")
                .arg(e->name, e->value, TopicConfigCatalog::sourceText(e->source, synonym),
                     TopicConfigCatalog::sourceKafkaName(e->source));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Size || column == Records || column == RetentionSize || column == RetentionTime ||
            column == OldestRecord)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant RetentionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CleanupPolicy:
            return tr("cleanup.policy: delete old segments, compact by key, or both");
        case RetentionTime:
            return tr("retention.ms: how long records are kept (bold: the topic overrides it)");
        case RetentionSize:
            return tr("retention.bytes: the size per partition above which old segments are deleted");
        case Size:
            return tr("Size on disk of one replica of every partition (DescribeLogDirs)");
        case OldestRecord:
            return tr("Age of the oldest record still in the topic");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Topic:
        return tr("Topic");
    case CleanupPolicy:
        return tr("Cleanup policy");
    case RetentionTime:
        return tr("Retention time");
    case RetentionSize:
        return tr("Retention size");
    case Size:
        return tr("Size");
    case Records:
        return tr("Records");
    case OldestRecord:
        return tr("Oldest record");
    case Overrides:
        return tr("Overrides");
    default:
        return {};
    }
}

void RetentionModel::setTopics(const QStringList &topicList)
{
    QStringList wanted = topicList;
    wanted.sort();
    wanted.removeDuplicates();
    // Remove rows no longer wanted, from the bottom so indexes stay valid.
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (!std::binary_search(wanted.cbegin(), wanted.cend(), m_rows[static_cast<std::size_t>(row)].topic)) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
        }
    }
    for (const QString &topic : wanted) {
        const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), topic,
                                         [](const Row &row, const QString &name) { return row.topic < name; });
        if (it != m_rows.end() && it->topic == topic)
            continue;
        const int row = static_cast<int>(it - m_rows.begin());
        beginInsertRows({}, row, row);
        Row fresh;
        fresh.topic = topic;
        m_rows.insert(m_rows.begin() + row, fresh);
        endInsertRows();
    }
}

void RetentionModel::applyConfigs(const QList<ConfigDescription> &descriptions)
{
    const QStringList keys = TopicConfigCatalog::retentionConfigs();
    for (const ConfigDescription &description : descriptions) {
        const int row = rowOf(description.resourceName);
        if (row < 0)
            continue;
        Row &r = m_rows[static_cast<std::size_t>(row)];
        r.configError = description.result.text();
        QList<ConfigEntry> configs;
        for (const QString &key : keys)
            if (const ConfigEntry *e = description.find(key))
                configs << *e;
        r.configs = configs;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void RetentionModel::applyUsage(const QList<TopicUsage> &usage)
{
    for (const TopicUsage &u : usage) {
        const int row = rowOf(u.topic);
        if (row < 0)
            continue;
        m_rows[static_cast<std::size_t>(row)].usage = u;
        emit dataChanged(index(row, Size), index(row, OldestRecord));
    }
}
