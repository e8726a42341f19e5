// BrokerConfigsView: a broker's configs (BrokerConfigsModel) with a broker chooser, a name filter and the
// kafka-configs.sh --describe equivalent. Dynamic configs open a change dialog; read-only ones do not.
#pragma once
#include <QList>
#include <QWidget>

#include "SnapshotProvider.h"

class AdminService;
class BrokerConfigDialog;
class BrokerConfigsModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

class BrokerConfigsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerConfigsView)

public:
    // admin and model are not owned.
    BrokerConfigsView(AdminService *admin, BrokerConfigsModel *model, QWidget *parent = nullptr);

    BrokerConfigsModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QComboBox *brokerCombo() const { return m_brokerCombo; }
    void setFilter(const QString &text);
    // Opens the change dialog for the model's row (null for a read-only config).
    BrokerConfigDialog *editConfig(int row);

public slots:
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);
    void refresh();

signals:
    void refreshed();

private:
    AdminService *m_admin;
    BrokerConfigsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_brokerCombo;
    QLineEdit *m_filterEdit;
    QLabel *m_statusLabel;
    QTableView *m_table;
    QList<int> m_brokerIds;
    quint64 m_generation = 0;
};
