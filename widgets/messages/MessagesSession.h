// MessagesSession: runs a MessageSource on its own worker thread for the message browser and the produce form, so
// the GUI thread never waits on the network. Requests run in order; answers come back as signals on the GUI thread
// with the ticket the request carried (from newTicket(), unique in the process, as several models and forms share
// one session), so each listener takes its own answers and drops those to requests it has superseded.
#pragma once
#include <memory>
#include <optional>
#include <vector>

#include <QList>
#include <QObject>
#include <QString>

#include "MessageSource.h"

class QThread;

using MessagePagePtr = std::shared_ptr<const sluice::client::message_page>;
Q_DECLARE_METATYPE(MessagePagePtr)

class MessagesSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesSession)

public:
    explicit MessagesSession(std::shared_ptr<MessageSource> source, QObject *parent = nullptr);
    // Finishes the call in progress (a long poll ends by its wait); queued requests are dropped.
    ~MessagesSession() override;

    static quint64 newTicket();

    void open(quint64 ticket, const QString &topic, const std::vector<int32_t> &partitions,
              sluice::client::start_position start);
    void fetch(quint64 ticket, const QString &topic, const std::vector<sluice::client::partition_position> &positions,
               int maxWaitMs);
    void loadPartitions(const QString &topic);
    void produce(quint64 ticket, const QString &topic, const sluice::client::record &record,
                 std::optional<int32_t> partition, sluice::client::compression_codec codec);

    // "NAME: message" for a Kafka error, as the forms show it.
    static QString describe(const sluice::error &error);

signals:
    // error empty: page is set.
    void pageReady(quint64 ticket, MessagePagePtr page, const QString &error);
    void partitionsReady(const QString &topic, const QList<int> &partitions, const QString &error);
    void produced(quint64 ticket, int partition, qint64 offset, const QString &error);

private:
    template <class F>
    void post(F &&work);

    std::shared_ptr<MessageSource> m_source;  // worker thread only
    QThread *m_thread;
    QObject *m_worker;  // lives in m_thread; work is posted to it
};
