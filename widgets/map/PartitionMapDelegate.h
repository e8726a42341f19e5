// PartitionMapDelegate: paints the map's cells — a partition's cell filled with its state's color and named, a
// topic's cell tinted by its worst state with a bar of leaders / in-sync / out-of-sync / offline replicas.
#pragma once
#include <QColor>
#include <QStyledItemDelegate>

#include "PartitionMapModel.h"

class PartitionMapDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionMapDelegate)

public:
    explicit PartitionMapDelegate(QObject *parent = nullptr);

    // The one palette of the map, shared with its legend.
    static QColor fillColor(PartitionMapModel::CellState state);
    static QColor textColor(PartitionMapModel::CellState state);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
