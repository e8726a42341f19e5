// TopicsSortFilterModel: sorts topics by raw values and filters them by name and by internal/not internal.
#pragma once
#include <QSortFilterProxyModel>

class TopicsSortFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicsSortFilterModel)

public:
    explicit TopicsSortFilterModel(QObject *parent = nullptr);

    bool showInternal() const { return m_showInternal; }
    void setShowInternal(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool m_showInternal = true;
};
