// ClientMessageSource: the MessageSource of a real cluster — engine/client's message_reader and produce_record on
// one cluster_client, reconnecting from the bootstrap servers after a transport failure. Worker thread only.
#pragma once
#include <memory>
#include <string>

#include "MessageSource.h"
#include "engine/client/cluster_endpoint.h"

namespace sluice::client {
class cluster_client;
class message_reader;
}  // namespace sluice::client

class ClientMessageSource : public MessageSource
{
public:
    explicit ClientMessageSource(sluice::client::cluster_endpoint endpoint);
    ~ClientMessageSource() override;

    sluice::result<std::vector<int32_t>> partitions(const std::string &topic) override;
    sluice::result<std::vector<sluice::client::partition_position>>
    seek(const std::string &topic, std::span<const int32_t> partitions, sluice::client::start_position start) override;
    sluice::result<sluice::client::message_page>
    fetch(const std::string &topic, std::span<const sluice::client::partition_position> positions, int maxWaitMs) override;
    sluice::result<sluice::client::produced_record> produce(const std::string &topic, sluice::client::record record,
                                                            std::optional<int32_t> partition,
                                                            sluice::client::compression_codec codec) override;

private:
    sluice::client::cluster_client &clusterClient();
    sluice::client::message_reader &reader(const std::string &topic);
    template <class T>
    sluice::result<T> checked(sluice::result<T> result);

    sluice::client::cluster_endpoint m_endpoint;
    std::unique_ptr<sluice::client::cluster_client> m_client;
    std::unique_ptr<sluice::client::message_reader> m_reader;  // of the topic read last
};
