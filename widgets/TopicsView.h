// TopicsView: the topics table of one cluster with a name filter and an internal-topics toggle.
#pragma once
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class TopicsModel;
class TopicsSortFilterModel;

class TopicsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopicsView)

public:
    // model is not owned; it must outlive the view.
    explicit TopicsView(TopicsModel *model, QWidget *parent = nullptr);

    TopicsModel *topicsModel() const { return m_model; }
    TopicsSortFilterModel *proxyModel() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray &state);
    bool showInternal() const;
    void setShowInternal(bool show);

signals:
    // The user activated (double-clicked or pressed Enter on) a topic.
    void topicActivated(const QString &topicName);

private:
    void updateCountLabel();

    TopicsModel *m_model;
    TopicsSortFilterModel *m_proxy;
    QLineEdit *m_filterEdit;
    QCheckBox *m_showInternalCheck;
    QLabel *m_countLabel;
    QTableView *m_table;
};
