#include "PartitionsFilterModel.h"

#include "PartitionsModel.h"

PartitionsFilterModel::PartitionsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PartitionsModel::RawValueRole);
    setDynamicSortFilter(true);
}

void PartitionsFilterModel::setHealthFilter(HealthFilter filter)
{
    if (m_health == filter)
        return;
    m_health = filter;
    invalidateRowsFilter();
}

void PartitionsFilterModel::setTopicFilter(const QString &text, bool exact)
{
    if (m_topic == text && m_exact == exact)
        return;
    m_topic = text;
    m_exact = exact;
    invalidateRowsFilter();
}

bool PartitionsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, PartitionsModel::Topic, sourceParent);
    const int health = index.data(PartitionsModel::HealthRole).toInt();
    switch (m_health) {
    case HealthFilter::All: break;
    case HealthFilter::AnyProblem:
        if (!(health & (PartitionsModel::UnderReplicated | PartitionsModel::Offline | PartitionsModel::NotPreferredLeader)))
            return false;
        break;
    case HealthFilter::UnderReplicated:
        if (!(health & PartitionsModel::UnderReplicated))
            return false;
        break;
    case HealthFilter::Offline:
        if (!(health & PartitionsModel::Offline))
            return false;
        break;
    case HealthFilter::NotPreferredLeader:
        if (!(health & PartitionsModel::NotPreferredLeader))
            return false;
        break;
    }
    if (m_topic.isEmpty())
        return true;
    const QString topic = index.data(PartitionsModel::TopicNameRole).toString();
    return m_exact ? topic == m_topic : topic.contains(m_topic, Qt::CaseInsensitive);
}

bool PartitionsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() != PartitionsModel::Topic) {
        const QPartialOrdering order =
            QVariant::compare(left.data(PartitionsModel::RawValueRole), right.data(PartitionsModel::RawValueRole));
        if (order == QPartialOrdering::Less)
            return true;
        if (order == QPartialOrdering::Greater)
            return false;
    }
    // The source rows are in (topic, partition) order: ties and the topic column keep it.
    return left.row() < right.row();
}
