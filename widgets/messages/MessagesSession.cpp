#include "MessagesSession.h"

#include <atomic>
#include <exception>

#include <QThread>

#include "Guarded.h"

MessagesSession::MessagesSession(std::shared_ptr<MessageSource> source, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_thread(new QThread(this))
    , m_worker(new QObject)
{
    qRegisterMetaType<MessagePagePtr>();
    m_thread->setObjectName(QStringLiteral("MessagesSession"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

MessagesSession::~MessagesSession()
{
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

QString MessagesSession::describe(const sluice::error &error)
{
    const QString name = QString::fromStdString(std::string(sluice::protocol::error_name(error.code)));
    if (error.message.empty())
        return name;
    return tr("%1: %2", "Kafka error name: message").arg(name, QString::fromStdString(error.message));
}

quint64 MessagesSession::newTicket()
{
    static std::atomic<quint64> last{0};
    return ++last;
}

template <class F>
void MessagesSession::post(F &&work)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(work), Qt::QueuedConnection);
}

void MessagesSession::open(quint64 ticket, const QString &topic, const std::vector<int32_t> &partitions,
                           sluice::client::start_position start)
{
    post([this, ticket, topic = topic.toStdString(), partitions, start] {
        auto page = guarded<sluice::client::message_page>([&]() -> sluice::result<sluice::client::message_page> {
            auto positions = m_source->seek(topic, partitions, start);
            if (!positions)
                return positions.err();
            return m_source->fetch(topic, positions.value(), 0);
        });
        if (page.ok())
            emit pageReady(ticket, std::make_shared<const sluice::client::message_page>(std::move(page).value()), {});
        else
            emit pageReady(ticket, nullptr, describe(page.err()));
    });
}

void MessagesSession::fetch(quint64 ticket, const QString &topic,
                            const std::vector<sluice::client::partition_position> &positions, int maxWaitMs)
{
    post([this, ticket, topic = topic.toStdString(), positions, maxWaitMs] {
        auto page = guarded<sluice::client::message_page>([&] { return m_source->fetch(topic, positions, maxWaitMs); });
        if (page.ok())
            emit pageReady(ticket, std::make_shared<const sluice::client::message_page>(std::move(page).value()), {});
        else
            emit pageReady(ticket, nullptr, describe(page.err()));
    });
}

void MessagesSession::loadPartitions(const QString &topic)
{
    post([this, topic] {
        auto partitions = guarded<std::vector<int32_t>>([&] { return m_source->partitions(topic.toStdString()); });
        QList<int> out;
        if (partitions.ok())
            for (int32_t p : partitions.value())
                out << p;
        emit partitionsReady(topic, out, partitions.ok() ? QString() : describe(partitions.err()));
    });
}

void MessagesSession::produce(quint64 ticket, const QString &topic, const sluice::client::record &record,
                              std::optional<int32_t> partition, sluice::client::compression_codec codec)
{
    post([this, ticket, topic = topic.toStdString(), record, partition, codec] {
        auto produced = guarded<sluice::client::produced_record>(
            [&] { return m_source->produce(topic, record, partition, codec); });
        if (produced.ok())
            emit this->produced(ticket, produced->partition, produced->offset, {});
        else
            emit this->produced(ticket, -1, -1, describe(produced.err()));
    });
}
