// ReadOnlyTable: the one setup of the app's read-only, sortable tables of snapshot rows (topics, partitions, brokers).
#pragma once

class QAbstractItemModel;
class QTableView;

namespace ReadOnlyTable {

// Shows model in table sorted by sortColumn, whole rows selected, no editing, compact rows, no grid, columns
// resized by hand and movable.
void setUp(QTableView *table, QAbstractItemModel *model, int sortColumn);

// The width that fits a column's header label and its sort indicator.
int labelWidth(const QTableView *table, int column);

}  // namespace ReadOnlyTable
