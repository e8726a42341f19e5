// PartitionMapView: the broker × partition map tab — the grid, a legend of its colors, a topic filter and the choice
// between a row per partition and a row per topic.
#pragma once
#include <QWidget>

class PartitionMapModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

class PartitionMapView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionMapView)

public:
    // model is not owned; it must outlive the view.
    explicit PartitionMapView(PartitionMapModel *model, QWidget *parent = nullptr);

    PartitionMapModel *mapModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }

private:
    void updateSummary();
    void resizeBrokerColumns();

    PartitionMapModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filterEdit;
    QComboBox *m_aggregationCombo;
    QLabel *m_summaryLabel;
    QTableView *m_table;
    bool m_resetPending = true;
};
