// PartitionsView: every topic-partition of one cluster with its leader, replicas and ISR, filtered by health and topic.
#pragma once
#include <QWidget>

class PartitionsFilterModel;
class PartitionsModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

class PartitionsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartitionsView)

public:
    // model is not owned; it must outlive the view.
    explicit PartitionsView(PartitionsModel *model, QWidget *parent = nullptr);

    PartitionsModel *partitionsModel() const { return m_model; }
    PartitionsFilterModel *proxyModel() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }

    // Shows the partitions of exactly this topic (every health); the user's next edit of the filter widens it again.
    void showTopic(const QString &topicName);

private:
    void updateCountLabel();

    PartitionsModel *m_model;
    PartitionsFilterModel *m_proxy;
    QLineEdit *m_filterEdit;
    QComboBox *m_healthCombo;
    QLabel *m_countLabel;
    QTableView *m_table;
};
