// produce_record: sends one record as a person writes it (the GUI's produce form) — to a chosen partition or to the
// one Kafka's default partitioner picks for its key — and returns where it landed or the Kafka error.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "engine/client/cluster_client.h"
#include "engine/client/message_types.h"
#include "engine/protocol/record_batch.h"

namespace sluice::client {

// `partition` nullopt: by key — murmur2 of the key as Kafka's default partitioner does; a null key then goes to a
// random partition (Kafka's producers spread keyless records too). A record timestamp < 0 is stamped with the
// current time (CreateTime). Waits for acks=all. A partition the topic does not have gives
// UNKNOWN_TOPIC_OR_PARTITION, a missing topic the cluster's error for it.
result<produced_record> produce_record(cluster_client& client, const std::string& topic, protocol::record record,
                                       std::optional<int32_t> partition,
                                       protocol::compression_codec codec = protocol::compression_codec::none);

}  // namespace sluice::client
