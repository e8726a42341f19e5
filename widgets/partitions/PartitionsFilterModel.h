// PartitionsFilterModel: sorts partitions by raw values and filters them by health and by topic name.
#pragma once
#include <QSortFilterProxyModel>

class PartitionsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionsFilterModel)

public:
    enum class HealthFilter
    {
        All,
        AnyProblem,  // under-replicated, offline or leader not preferred
        UnderReplicated,
        Offline,
        NotPreferredLeader
    };
    Q_ENUM(HealthFilter)

    explicit PartitionsFilterModel(QObject *parent = nullptr);

    HealthFilter healthFilter() const { return m_health; }
    void setHealthFilter(HealthFilter filter);
    // Case-insensitive part of a topic name; with exact, the whole name (as "Show partitions" of one topic).
    QString topicFilter() const { return m_topic; }
    bool isExactTopic() const { return m_exact; }
    void setTopicFilter(const QString &text, bool exact = false);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    HealthFilter m_health = HealthFilter::All;
    QString m_topic;
    bool m_exact = false;
};
