#include "engine/client/record_producer.h"

#include <chrono>
#include <random>

#include "engine/client/partitioner.h"

namespace sluice::client {

using protocol::error_code;

result<produced_record> produce_record(cluster_client& client, const std::string& topic, protocol::record record,
                                       std::optional<int32_t> partition, protocol::compression_codec codec) {
    // The partition count decides both the by-key choice and whether a chosen partition exists; no auto-creation,
    // so a typo in the topic name is an error, not a new topic.
    auto meta = client.topic_metadata(topic, false);
    if (!meta) return meta.err();
    const auto count = static_cast<int32_t>(meta->partitions.size());
    if (count == 0) return make_error(error_code::leader_not_available, "topic '" + topic + "' has no partitions yet");
    int32_t target = 0;
    if (partition) {
        if (*partition < 0 || *partition >= count)
            return make_error(error_code::unknown_topic_or_partition,
                              "topic '" + topic + "' has no partition " + std::to_string(*partition) +
                                  " (partitions 0 to " + std::to_string(count - 1) + ")");
        target = *partition;
    } else if (record.key) {
        target = partition_for_key(*record.key, count);
    } else {
        std::random_device seed;
        target = static_cast<int32_t>(std::uniform_int_distribution<int32_t>(0, count - 1)(seed));
    }
    if (record.timestamp < 0) {
        using namespace std::chrono;
        record.timestamp = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
    auto offset = client.produce(topic, target, std::span<const protocol::record>(&record, 1), -1, codec);
    if (!offset) return offset.err();
    return produced_record{target, offset.value()};
}

}  // namespace sluice::client
