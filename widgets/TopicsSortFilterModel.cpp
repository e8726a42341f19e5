#include "TopicsSortFilterModel.h"

#include "TopicsModel.h"

TopicsSortFilterModel::TopicsSortFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TopicsModel::RawValueRole);
    setFilterKeyColumn(TopicsModel::Name);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void TopicsSortFilterModel::setShowInternal(bool show)
{
    if (m_showInternal == show)
        return;
    m_showInternal = show;
    invalidateRowsFilter();
}

bool TopicsSortFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_showInternal) {
        const QModelIndex internal = sourceModel()->index(sourceRow, TopicsModel::Internal, sourceParent);
        if (internal.data(TopicsModel::RawValueRole).toBool())
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

bool TopicsSortFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(TopicsModel::RawValueRole);
    const QVariant r = right.data(TopicsModel::RawValueRole);
    if (left.column() != TopicsModel::Name) {
        // Ties on a number fall back to the name, so equal rows keep a stable, readable order.
        const int order = QVariant::compare(l, r) == QPartialOrdering::Less      ? -1
                          : QVariant::compare(l, r) == QPartialOrdering::Greater ? 1
                                                                                 : 0;
        if (order != 0)
            return order < 0;
        return left.sibling(left.row(), TopicsModel::Name).data(TopicsModel::RawValueRole).toString()
               < right.sibling(right.row(), TopicsModel::Name).data(TopicsModel::RawValueRole).toString();
    }
    return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
}
