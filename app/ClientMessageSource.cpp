#include "ClientMessageSource.h"

#include <chrono>

#include "engine/client/cluster_client.h"
#include "engine/client/message_reader.h"
#include "engine/client/record_producer.h"

using namespace sluice;

namespace {
// Longer than a live tail's long poll, so a wait for new records never counts as a timeout.
constexpr std::chrono::seconds RequestTimeout{10};

bool isTransportFailure(const sluice::error &error)
{
    return error.code == protocol::error_code::network_exception || error.code == protocol::error_code::request_timed_out;
}
}  // namespace

ClientMessageSource::ClientMessageSource(client::cluster_endpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
}

ClientMessageSource::~ClientMessageSource() = default;

client::cluster_client &ClientMessageSource::clusterClient()
{
    if (!m_client)
        m_client = std::make_unique<client::cluster_client>(m_endpoint.bootstrap, RequestTimeout, m_endpoint.security);
    return *m_client;
}

client::message_reader &ClientMessageSource::reader(const std::string &topic)
{
    if (!m_reader || m_reader->topic() != topic)
        m_reader = std::make_unique<client::message_reader>(clusterClient(), topic);
    return *m_reader;
}

template <class T>
result<T> ClientMessageSource::checked(result<T> result)
{
    if (!result.ok() && isTransportFailure(result.err())) {
        m_reader.reset();  // reconnect from the bootstrap servers next time
        m_client.reset();
    }
    return result;
}

result<std::vector<int32_t>> ClientMessageSource::partitions(const std::string &topic)
{
    return checked(reader(topic).partitions());
}

result<std::vector<client::partition_position>> ClientMessageSource::seek(const std::string &topic,
                                                                          std::span<const int32_t> partitions,
                                                                          client::start_position start)
{
    return checked(reader(topic).seek(partitions, start));
}

result<client::message_page> ClientMessageSource::fetch(const std::string &topic,
                                                        std::span<const client::partition_position> positions, int maxWaitMs)
{
    client::fetch_limits limits;
    limits.max_wait_ms = maxWaitMs;
    return checked(reader(topic).fetch(positions, limits));
}

result<client::produced_record> ClientMessageSource::produce(const std::string &topic, client::record record,
                                                             std::optional<int32_t> partition,
                                                             client::compression_codec codec)
{
    return checked(client::produce_record(clusterClient(), topic, std::move(record), partition, codec));
}
