#include "ReadOnlyTable.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QTableView>

namespace ReadOnlyTable {

void setUp(QTableView *table, QAbstractItemModel *model, int sortColumn)
{
    table->setModel(model);
    table->setSortingEnabled(true);
    table->sortByColumn(sortColumn, Qt::AscendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);  // names differ at both ends
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);

    QHeaderView *header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setMinimumSectionSize(table->fontMetrics().horizontalAdvance(QStringLiteral("0000")));
}

int labelWidth(const QTableView *table, int column)
{
    return table->fontMetrics().horizontalAdvance(table->model()->headerData(column, Qt::Horizontal).toString()) + 28;
}

}  // namespace ReadOnlyTable
