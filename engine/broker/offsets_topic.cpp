#include "engine/broker/offsets_topic.h"

#include "engine/broker/broker_context.h"
#include "engine/group/offsets_records.h"

namespace sluice::broker {

namespace {
const std::string topic_name{group::offsets_topic_name};
}

int32_t offsets_topic::partition_count() const {
    auto it = logs_.topics().find(topic_name);
    return it == logs_.topics().end() ? 0 : static_cast<int32_t>(it->second.size());
}

result<int32_t> offsets_topic::ensure_topic(int32_t partitions) {
    if (int32_t existing = partition_count(); existing > 0) return existing;
    // Compacted, as Kafka's: only the latest commit per group/topic/partition and group record matter.
    if (auto created = logs_.create_topic(topic_name, partitions, wall_clock_ms(), {{"cleanup.policy", "compact"}});
        !created)
        return created.err();
    return partition_count();
}

result<void> offsets_topic::append(int32_t partition, std::span<const protocol::record> records) {
    broker::partition* p = logs_.find(topic_name, partition);
    if (p == nullptr)
        return make_error(protocol::error_code::coordinator_not_available,
                          "__consumer_offsets partition " + std::to_string(partition) + " is not hosted here");
    std::vector<protocol::record> numbered(records.begin(), records.end());
    for (std::size_t i = 0; i < numbered.size(); ++i) numbered[i].offset = static_cast<int64_t>(i);
    auto batch = protocol::build_batch({}, numbered);
    if (!batch) return batch.err();
    auto appended = p->append(batch.value(), wall_clock_ms());
    if (!appended) return appended.err();
    return {};
}

result<void> offsets_topic::replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) {
    broker::partition* p = logs_.find(topic_name, partition);
    if (p == nullptr) return {};
    int64_t offset = p->log().log_start_offset();
    int64_t end = p->log().log_end_offset();
    while (offset < end) {
        auto slice = p->log().read(offset, 1 << 20, end);
        if (!slice) return slice.err();
        if (slice->bytes.empty()) break;
        auto batches = protocol::split_batches(slice->bytes, true);
        if (!batches) return batches.err();
        if (batches->empty()) break;
        for (const auto& batch : *batches) {
            offset = batch.header.base_offset + batch.header.last_offset_delta + 1;
            if (batch.header.is_control()) continue;
            auto decoded = protocol::decode_records(batch);
            if (!decoded) return decoded.err();
            for (const auto& r : *decoded) visit(r);
        }
    }
    return {};
}

bool offsets_topic::partition_exists(const std::string& topic, int32_t partition) const {
    return logs_.find(topic, partition) != nullptr;
}

}  // namespace sluice::broker
