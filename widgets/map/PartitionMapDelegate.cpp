#include "PartitionMapDelegate.h"

#include <QApplication>
#include <QPainter>

using State = PartitionMapModel::CellState;

PartitionMapDelegate::PartitionMapDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor PartitionMapDelegate::fillColor(State state)
{
    switch (state) {
    case State::Leader: return QColor(0x1b, 0x5e, 0x20);          // dark green: serves the partition
    case State::InSyncFollower: return QColor(0x9c, 0xd6, 0x9f);  // light green: a full copy
    case State::OutOfSync: return QColor(0xf5, 0xb0, 0x2e);       // amber: a copy that fell behind
    case State::Offline: return QColor(0xc6, 0x28, 0x28);         // red: not reachable
    case State::None: break;
    }
    return {};
}

QColor PartitionMapDelegate::textColor(State state)
{
    return state == State::Leader || state == State::Offline ? QColor(Qt::white) : QColor(0x1a, 0x1a, 0x1a);
}

void PartitionMapDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() < PartitionMapModel::FirstBrokerColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto state = static_cast<State>(index.data(PartitionMapModel::CellStateRole).toInt());
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);  // a gap between cells keeps the grid readable
    painter->save();
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, option.palette.highlight());
    if (state == State::None) {
        painter->restore();
        return;
    }
    const QString text = index.data(Qt::DisplayRole).toString();
    if (!index.data(PartitionMapModel::AggregatedRole).toBool()) {
        painter->fillRect(cell, fillColor(state));
        painter->setPen(textColor(state));
        painter->drawText(cell, Qt::AlignCenter, option.fontMetrics.elidedText(text, Qt::ElideRight, cell.width() - 4));
        painter->restore();
        return;
    }
    // A topic: a light tint of its worst state, the counts, and a bar of what the replicas are.
    QColor tint = fillColor(state == State::Leader ? State::InSyncFollower : state);
    tint.setAlpha(90);
    painter->fillRect(cell, tint);
    const int replicas = index.data(PartitionMapModel::ReplicasRole).toInt();
    const int leaders = index.data(PartitionMapModel::LeadersRole).toInt();
    const int outOfSync = index.data(PartitionMapModel::OutOfSyncRole).toInt();
    const int offline = index.data(PartitionMapModel::OfflineRole).toInt();
    const int barHeight = 4;
    const QRect bar(cell.left(), cell.bottom() - barHeight + 1, cell.width(), barHeight);
    if (replicas > 0) {
        const std::pair<State, int> parts[] = {{State::Leader, leaders},
                                               {State::InSyncFollower, replicas - leaders - outOfSync - offline},
                                               {State::OutOfSync, outOfSync},
                                               {State::Offline, offline}};
        int x = bar.left();
        int done = 0;
        for (const auto &[part, count] : parts) {
            if (count <= 0)
                continue;
            done += count;
            const int right = bar.left() + bar.width() * done / replicas;
            painter->fillRect(QRect(x, bar.top(), right - x, bar.height()), fillColor(part));
            x = right;
        }
    }
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(cell.adjusted(2, 0, -2, -barHeight), Qt::AlignCenter,
                      option.fontMetrics.elidedText(text, Qt::ElideRight, cell.width() - 4));
    painter->restore();
}

QSize PartitionMapDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(option.fontMetrics.height() + 8);
    return size;
}
