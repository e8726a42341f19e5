// ProduceDialog: the "Produce…" form — one record with key, value, headers (key=value lines), a partition or
// "by key" (Kafka's default partitioner), and a compression codec. Checks its input before sending, sends through
// a MessagesSession off the GUI thread, and shows the partition and offset the record got, or Kafka's error.
#pragma once
#include <QDialog>
#include <QMap>
#include <QPointer>

#include "MessagesSession.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

class ProduceDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProduceDialog)

public:
    // partitionCounts: the topics to offer and how many partitions each has (from the latest snapshot).
    ProduceDialog(MessagesSession *session, const QMap<QString, int> &partitionCounts, const QString &topic,
                  QWidget *parent = nullptr);

    QComboBox *topicCombo() const { return m_topic; }
    QComboBox *partitionCombo() const { return m_partition; }
    QLineEdit *keyEdit() const { return m_key; }
    QPlainTextEdit *valueEdit() const { return m_value; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QComboBox *compressionCombo() const { return m_compression; }
    QPushButton *produceButton() const { return m_produce; }
    QLabel *statusLabel() const { return m_status; }

    // What is wrong with the input (empty when it can be sent).
    QString validationError() const;
    // Validates and sends; false (the status says why) when the input is refused.
    bool submit();
    bool isBusy() const { return m_busy; }
    // The last record produced: its partition and offset (-1 before any, or after an error).
    int lastPartition() const { return m_lastPartition; }
    qint64 lastOffset() const { return m_lastOffset; }

signals:
    void recordProduced(const QString &topic, int partition, qint64 offset);

private:
    void fillPartitions();
    void onProduced(quint64 ticket, int partition, qint64 offset, const QString &error);
    void setStatus(const QString &text, bool error);

    QPointer<MessagesSession> m_session;
    QMap<QString, int> m_partitionCounts;
    QComboBox *m_topic;
    QComboBox *m_partition;
    QLineEdit *m_key;
    QPlainTextEdit *m_value;
    QPlainTextEdit *m_headers;
    QComboBox *m_compression;
    QPushButton *m_produce;
    QLabel *m_status;
    quint64 m_ticket = 0;
    bool m_busy = false;
    int m_lastPartition = -1;
    qint64 m_lastOffset = -1;
};
