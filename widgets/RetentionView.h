// RetentionView: the retention settings of every topic (RetentionModel) with the editor for the selected one.
// Reads configs and usage through the AdminService when topics change, after a change, and every so often.
#pragma once
#include <QWidget>

#include "SnapshotProvider.h"

class AdminService;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class RetentionEditor;
class RetentionModel;

class RetentionView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionView)

public:
    static constexpr int RefreshIntervalMs = 15000;

    // admin and model are not owned.
    RetentionView(AdminService *admin, RetentionModel *model, QWidget *parent = nullptr);

    RetentionModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    RetentionEditor *editor() const { return m_editor; }
    // Selects the topic's row (and loads it in the editor).
    void selectTopic(const QString &topic);
    // Answers of the last refresh arrived (for tests).
    bool isRefreshing() const { return m_pending > 0; }

public slots:
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);
    void refresh();

signals:
    void refreshed();

private:
    void loadSelectedIntoEditor(bool force);
    QString selectedTopic() const;

    AdminService *m_admin;
    RetentionModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filterEdit;
    QLabel *m_statusLabel;
    QTableView *m_table;
    RetentionEditor *m_editor;
    QTimer *m_timer;
    quint64 m_generation = 0;
    int m_pending = 0;
};
