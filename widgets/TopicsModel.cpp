#include "TopicsModel.h"

#include <algorithm>
#include <type_traits>

#include "ClusterSession.h"
#include "units.h"

TopicsModel::TopicsModel(ClusterSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    if (session)
        connect(session, &ClusterSession::snapshotReady, this, &TopicsModel::onSnapshotReady);
}

int TopicsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TopicsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopicsModel::rawValue(const TopicRow &row, int column) const
{
    switch (column) {
    case Name: return row.displayName;
    case Partitions: return row.partitions;
    case Replicas: return row.replicas;
    case EndOffset: return row.endOffset;
    case Messages: return row.messages;
    case Internal: return row.internal;
    default: return {};
    }
}

QVariant TopicsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TopicRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name: return row.displayName;
        case Partitions: return Units::formatCount(row.partitions);
        case Replicas: return Units::formatCount(row.replicas);
        case EndOffset:
        case Messages: {
            const qint64 value = column == EndOffset ? row.endOffset : row.messages;
            return value < 0 ? tr("—", "value not known") : Units::formatCount(value);
        }
        case Internal: return row.internal ? tr("yes", "internal topic") : QString();
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (column == Name)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        if (column == Internal)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (row.errorCode != 0)
            return tr("The cluster reported Kafka error code %1 for this topic").arg(row.errorCode);
        if (column == Name && row.internal)
            return tr("Internal topic, managed by the cluster");
        return {};
    case RawValueRole: return rawValue(row, column);
    case TopicNameRole: return row.displayName;
    case ErrorCodeRole: return row.errorCode;
    default: return {};
    }
}

QVariant TopicsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name: return tr("Topic");
        case Partitions: return tr("Partitions");
        case Replicas: return tr("Replicas", "replication factor");
        case EndOffset: return tr("End offset", "sum of log end offsets");
        case Messages: return tr("Messages");
        case Internal: return tr("Internal", "internal topic");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Replicas: return tr("Replication factor: replicas per partition");
        case EndOffset: return tr("Log end offsets summed over all partitions");
        case Messages: return tr("Records currently retained: end offset minus start offset, summed over partitions");
        case Internal: return tr("Topics the cluster manages itself, such as __consumer_offsets");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (section == Name)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        if (section == Internal)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

int TopicsModel::rowOf(const QString &topicName) const
{
    const std::string name = topicName.toStdString();
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), name,
                                     [](const TopicRow &row, const std::string &n) { return row.name < n; });
    return it != m_rows.end() && it->name == name ? static_cast<int>(it - m_rows.begin()) : -1;
}

std::vector<TopicsModel::TopicRow> TopicsModel::rowsFrom(const sluice::client::cluster_snapshot &snapshot)
{
    std::vector<TopicRow> rows;
    rows.reserve(snapshot.topics.size());
    for (const auto &topic : snapshot.topics) {
        TopicRow row;
        row.name = topic.name;
        row.displayName = QString::fromStdString(topic.name);
        row.partitions = static_cast<int>(topic.partitions.size());
        row.internal = topic.internal;
        row.errorCode = topic.error;
        bool anyEnd = false, anyRetained = false;
        qint64 end = 0, retained = 0;
        for (const auto &p : topic.partitions) {
            row.replicas = std::max(row.replicas, static_cast<int>(p.replicas.size()));
            if (row.errorCode == 0)
                row.errorCode = p.error;
            if (p.end_offset >= 0) {
                end += p.end_offset;
                anyEnd = true;
                if (p.start_offset >= 0) {
                    retained += std::max<qint64>(0, p.end_offset - p.start_offset);
                    anyRetained = true;
                }
            }
        }
        row.endOffset = anyEnd ? end : -1;
        row.messages = anyRetained ? retained : -1;
        rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const TopicRow &a, const TopicRow &b) { return a.name < b.name; });
    rows.erase(std::unique(rows.begin(), rows.end(), [](const TopicRow &a, const TopicRow &b) { return a.name == b.name; }),
               rows.end());
    return rows;
}

void TopicsModel::onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version)
{
    if (!snapshot || version <= m_version)
        return;
    m_version = version;
    applySnapshot(*snapshot);
}

void TopicsModel::applySnapshot(const sluice::client::cluster_snapshot &snapshot)
{
    std::vector<TopicRow> next = rowsFrom(snapshot);
    const auto inNext = [&next](const std::string &name) {
        return std::binary_search(next.begin(), next.end(), name, [](const auto &a, const auto &b) {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::string>)
                return a < b.name;
            else
                return a.name < b;
        });
    };

    // 1. Remove the topics that are gone, one contiguous run at a time, from the bottom up.
    for (int last = static_cast<int>(m_rows.size()) - 1; last >= 0; --last) {
        if (inNext(m_rows[static_cast<std::size_t>(last)].name))
            continue;
        int first = last;
        while (first > 0 && !inNext(m_rows[static_cast<std::size_t>(first - 1)].name))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        last = first;
    }

    // 2. m_rows is now a subsequence of next (both sorted by name): insert the new topics in runs.
    std::size_t row = 0;
    for (std::size_t j = 0; j < next.size();) {
        if (row < m_rows.size() && m_rows[row].name == next[j].name) {
            ++row;
            ++j;
            continue;
        }
        std::size_t end = j;
        while (end < next.size() && !(row < m_rows.size() && m_rows[row].name == next[end].name))
            ++end;
        const int count = static_cast<int>(end - j);
        beginInsertRows({}, static_cast<int>(row), static_cast<int>(row) + count - 1);
        m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(row), next.begin() + static_cast<std::ptrdiff_t>(j),
                      next.begin() + static_cast<std::ptrdiff_t>(end));
        endInsertRows();
        row += static_cast<std::size_t>(count);
        j = end;
    }

    // 3. Same names, row for row: update the values that changed, one dataChanged per run of changed rows.
    Q_ASSERT(m_rows.size() == next.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i] == next[i])
            continue;
        std::size_t end = i;
        while (end < m_rows.size() && !(m_rows[end] == next[end])) {
            m_rows[end] = next[end];
            ++end;
        }
        emit dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(end) - 1, ColumnCount - 1));
        i = end;
    }
}
