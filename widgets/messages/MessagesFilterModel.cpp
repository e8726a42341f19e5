#include "MessagesFilterModel.h"

#include <algorithm>
#include <functional>

#include "MessagesModel.h"

namespace {
bool contains(const std::optional<std::vector<uint8_t>> &bytes, const QByteArray &needle)
{
    if (!bytes)
        return false;
    const auto *first = reinterpret_cast<const char *>(bytes->data());
    const auto *last = first + bytes->size();
    return std::search(first, last, std::boyer_moore_horspool_searcher(needle.begin(), needle.end())) != last;
}
}  // namespace

MessagesFilterModel::MessagesFilterModel(MessagesModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
}

void MessagesFilterModel::setNeedle(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_needle = text.toUtf8();
    invalidateFilter();
}

bool MessagesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_needle.isEmpty() || sourceParent.isValid())
        return true;
    const auto &m = m_source->record(sourceRow);
    if (contains(m.key, m_needle) || contains(m.value, m_needle))
        return true;
    for (const auto &h : m.headers) {
        if (QByteArray::fromStdString(h.key).contains(m_needle) || contains(h.value, m_needle))
            return true;
    }
    return false;
}
