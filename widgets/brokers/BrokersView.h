// BrokersView: the brokers of one cluster (address, rack, online or offline, controller, quorum, partitions) and
// a line on the metadata quorum.
#pragma once
#include <QWidget>

class BrokersModel;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

class BrokersView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokersView)

public:
    // model is not owned; it must outlive the view.
    explicit BrokersView(BrokersModel *model, QWidget *parent = nullptr);

    BrokersModel *brokersModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }

private:
    void updateCountLabel();

    BrokersModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_quorumLabel;
    QLabel *m_countLabel;
    QTableView *m_table;
};
