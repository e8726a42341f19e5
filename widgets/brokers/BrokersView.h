// BrokersView: the brokers of one cluster (address, rack, online or offline, controller, quorum, partitions, size on
// disk), a line on the metadata quorum and, for the embedded cluster, controls for its nodes.
#pragma once
#include <QWidget>

class BrokersModel;
class NodeActions;
class QLabel;
class QToolBar;
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
    // The local cluster's node controls (toolbar and context menu); hidden until setLocalControlsVisible(true).
    NodeActions *nodeActions() const { return m_nodeActions; }
    void setLocalControlsVisible(bool visible);
    // Makes the broker the current row: the one the node actions act on.
    void selectBroker(int brokerId);

private:
    void updateCountLabel();

    BrokersModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_quorumLabel;
    QLabel *m_countLabel;
    QTableView *m_table;
    NodeActions *m_nodeActions;
    QToolBar *m_nodeToolbar;
    bool m_localControls = false;
};
