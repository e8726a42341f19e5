// MessageBrowserView: the "Messages" tab — pick a topic, its partitions and where to start (earliest, the last N,
// an offset, a time), read the records in pages, show values as text, pretty JSON or hex, filter by substring,
// follow new records live, export what is shown as JSON lines, and see one record whole (headers and value).
#pragma once
#include <optional>
#include <vector>

#include <QMap>
#include <QPointer>
#include <QWidget>

#include "MessagesSession.h"
#include "SnapshotProvider.h"

class MessagesFilterModel;
class MessagesModel;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTableWidget;

class MessageBrowserView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBrowserView)

public:
    explicit MessageBrowserView(MessagesSession *session, QWidget *parent = nullptr);

    MessagesModel *model() const { return m_model; }
    MessagesFilterModel *filterModel() const { return m_filter; }
    QTableView *tableView() const { return m_table; }
    QComboBox *topicCombo() const { return m_topic; }
    QLineEdit *partitionsEdit() const { return m_partitions; }
    QComboBox *startCombo() const { return m_start; }
    QLineEdit *startValueEdit() const { return m_startValue; }
    QDateTimeEdit *startTimeEdit() const { return m_startTime; }
    QComboBox *formatCombo() const { return m_format; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QCheckBox *liveCheck() const { return m_live; }
    QPushButton *readButton() const { return m_read; }
    QPushButton *produceButton() const { return m_produce; }
    QPlainTextEdit *valueView() const { return m_valueView; }
    QTableWidget *headersView() const { return m_headersView; }
    QLabel *statusLabel() const { return m_status; }
    QMap<QString, int> partitionCounts() const { return m_partitionCounts; }

    // The start the controls describe, or nullopt with the reason in error.
    std::optional<sluice::client::start_position> startPosition(QString *error) const;
    // The partitions the controls name (empty: all), or nullopt with the reason in error.
    std::optional<std::vector<int32_t>> partitions(QString *error) const;
    // Reads from the controls' start; false (the status says why) when they are not valid.
    bool read();
    // Writes the shown (filtered) records as JSON lines; the number written, or -1 (the status says why).
    int exportTo(const QString &path);
    void showTopic(const QString &topic);

public slots:
    void onSnapshotReady(ClusterSnapshotPtr snapshot, quint64 version);
    // Opens the produce form for the current topic.
    void openProduceDialog();

private:
    void updateStartControls();
    void updateStatus();
    void showDetail();
    void exportShown();

    QPointer<MessagesSession> m_session;
    MessagesModel *m_model;
    MessagesFilterModel *m_filter;
    QComboBox *m_topic;
    QLineEdit *m_partitions;
    QComboBox *m_start;
    QLineEdit *m_startValue;
    QDateTimeEdit *m_startTime;
    QPushButton *m_read;
    QComboBox *m_format;
    QLineEdit *m_filterEdit;
    QCheckBox *m_live;
    QPushButton *m_export;
    QPushButton *m_produce;
    QTableView *m_table;
    QLabel *m_detailLabel;
    QTableWidget *m_headersView;
    QPlainTextEdit *m_valueView;
    QLabel *m_status;
    QString m_inputError;
    QMap<QString, int> m_partitionCounts;
};
