#include "MessagesModel.h"

#include <QDateTime>

#include "units.h"

namespace {
constexpr int TailWaitMs = 500;  // a live tail's long poll: short enough that stopping it feels immediate

QVariant bytesOf(const OptionalBytes &bytes)
{
    if (!bytes)
        return QByteArray();
    return QByteArray(reinterpret_cast<const char *>(bytes->data()), static_cast<qsizetype>(bytes->size()));
}

qint64 sizeOf(const sluice::client::message &m)
{
    qint64 size = 0;
    if (m.key)
        size += static_cast<qint64>(m.key->size());
    if (m.value)
        size += static_cast<qint64>(m.value->size());
    for (const auto &h : m.headers)
        size += static_cast<qint64>(h.key.size() + (h.value ? h.value->size() : 0));
    return size;
}
}  // namespace

MessagesModel::MessagesModel(MessagesSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    if (m_session)
        connect(m_session, &MessagesSession::pageReady, this, &MessagesModel::onPage);
}

void MessagesModel::clear()
{
    m_ticket = MessagesSession::newTicket();  // answers to earlier requests are dropped
    beginResetModel();
    m_rows.clear();
    m_positions.clear();
    m_bytes = 0;
    endResetModel();
    m_busy = false;
    m_started = false;
    m_error.clear();
    emit stateChanged();
}

void MessagesModel::start(const QString &topic, const std::vector<int32_t> &partitions, sluice::client::start_position start)
{
    clear();
    m_topic = topic;
    if (!m_session)
        return;
    m_busy = true;
    m_started = true;
    m_session->open(m_ticket, topic, partitions, start);
    emit stateChanged();
}

void MessagesModel::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    if (!m_live && m_busy) {
        // Drop the long poll's answer; the positions stay where the last page left them.
        m_ticket = MessagesSession::newTicket();
        m_busy = false;
    }
    if (m_live && !m_busy && m_started && m_error.isEmpty() && !limitReached())
        requestNext(atEnd() ? TailWaitMs : 0);
    emit stateChanged();
}

void MessagesModel::setValueFormat(ValueFormat format)
{
    if (m_format == format)
        return;
    m_format = format;
    if (!m_rows.empty())
        emit dataChanged(index(0, KeyColumn), index(rowCount() - 1, ValueColumn), {Qt::DisplayRole});
}

void MessagesModel::setLimits(int maxRows, qint64 maxBytes)
{
    m_maxRows = maxRows;
    m_maxBytes = maxBytes;
}

bool MessagesModel::atEnd() const
{
    for (const auto &p : m_positions)
        if (p.high_watermark < 0 || p.next_offset < p.high_watermark)
            return false;
    return true;
}

bool MessagesModel::limitReached() const
{
    return rowCount() >= m_maxRows || m_bytes >= m_maxBytes;
}

int MessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MessagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessagesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &m = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PartitionColumn:
            return m.partition;
        case OffsetColumn:
            return QVariant::fromValue<qint64>(m.offset);
        case TimestampColumn:
            return QDateTime::fromMSecsSinceEpoch(m.timestamp).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case KeyColumn:
            return valueformat::preview(m.key, m_format == ValueFormat::Hex ? ValueFormat::Hex : ValueFormat::Text, 48);
        case ValueColumn:
            return valueformat::preview(m.value, m_format);
        case SizeColumn:
            return Units::formatBytes(sizeOf(m));
        case HeadersColumn:
            return m.headers.empty() ? QString() : QString::number(m.headers.size());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TimestampColumn)
            return m.timestamp_kind == sluice::client::timestamp_type::log_append_time ? tr("LogAppendTime (set by the broker)")
                                                                                          : tr("CreateTime (set by the producer)");
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == PartitionColumn || index.column() == OffsetColumn || index.column() == SizeColumn ||
            index.column() == HeadersColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ValueBytesRole:
        return bytesOf(m.value);
    case KeyBytesRole:
        return bytesOf(m.key);
    case OffsetRole:
        return QVariant::fromValue<qint64>(m.offset);
    case PartitionRole:
        return m.partition;
    }
    return {};
}

QVariant MessagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PartitionColumn:
        return tr("Partition");
    case OffsetColumn:
        return tr("Offset");
    case TimestampColumn:
        return tr("Timestamp");
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case SizeColumn:
        return tr("Size");
    case HeadersColumn:
        return tr("Headers");
    }
    return {};
}

bool MessagesModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_started && !m_busy && m_error.isEmpty() && !atEnd() && !limitReached();
}

void MessagesModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestNext(0);
}

void MessagesModel::requestNext(int maxWaitMs)
{
    if (!m_session)
        return;
    m_busy = true;
    m_session->fetch(m_ticket, m_topic, m_positions, maxWaitMs);
}

void MessagesModel::onPage(quint64 ticket, MessagePagePtr page, const QString &error)
{
    if (ticket != m_ticket)
        return;  // superseded by start(), clear() or a stopped tail
    m_busy = false;
    if (!page) {
        m_error = error;
        emit stateChanged();
        return;
    }
    m_error.clear();
    m_positions = page->positions;
    std::size_t take = page->messages.size();
    if (m_rows.size() + take > static_cast<std::size_t>(m_maxRows))
        take = static_cast<std::size_t>(m_maxRows) - std::min(m_rows.size(), static_cast<std::size_t>(m_maxRows));
    if (take > 0) {
        beginInsertRows({}, rowCount(), rowCount() + static_cast<int>(take) - 1);
        for (std::size_t i = 0; i < take; ++i) {
            m_bytes += sizeOf(page->messages[i]);
            m_rows.push_back(page->messages[i]);
        }
        endInsertRows();
    }
    if (take < page->messages.size()) {
        // Rows past the limit were not kept: resume from the first of them if the limit is raised.
        for (auto &p : m_positions)
            for (std::size_t i = take; i < page->messages.size(); ++i)
                if (page->messages[i].partition == p.partition) {
                    p.next_offset = page->messages[i].offset;
                    break;
                }
    }
    emit stateChanged();
    if (m_live && !limitReached())
        requestNext(atEnd() ? TailWaitMs : 0);
}
