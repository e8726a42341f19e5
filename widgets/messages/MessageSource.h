// MessageSource: how the message browser reads and produces records of a cluster (blocking; called on the
// MessagesSession's worker thread only, one call at a time). The app implements it with engine/client.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/message_types.h"
#include "engine/common/result.h"

class MessageSource
{
public:
    virtual ~MessageSource() = default;
    virtual sluice::result<std::vector<int32_t>> partitions(const std::string &topic) = 0;
    // Start positions of `partitions` of `topic` (all when empty).
    virtual sluice::result<std::vector<sluice::client::partition_position>>
    seek(const std::string &topic, std::span<const int32_t> partitions, sluice::client::start_position start) = 0;
    // The next records from the positions; maxWaitMs > 0 long-polls when there is nothing new (live tail).
    virtual sluice::result<sluice::client::message_page>
    fetch(const std::string &topic, std::span<const sluice::client::partition_position> positions, int maxWaitMs) = 0;
    // One record; partition nullopt: by key (Kafka's default partitioner).
    virtual sluice::result<sluice::client::produced_record> produce(const std::string &topic,
                                                                    sluice::client::record record,
                                                                    std::optional<int32_t> partition,
                                                                    sluice::client::compression_codec codec) = 0;
};
