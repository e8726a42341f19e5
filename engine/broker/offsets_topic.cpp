#include "engine/broker/offsets_topic.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "engine/broker/broker_context.h"
#include "engine/group/offsets_records.h"

namespace sluice::broker {

namespace {
const std::string topic_name{group::offsets_topic_name};
}

int32_t offsets_topic::partition_count() const {
    const auto* topic = controller_.image().find_topic(topic_name);
    return topic == nullptr ? 0 : static_cast<int32_t>(topic->partitions.size());
}

result<int32_t> offsets_topic::ensure_topic(int32_t partitions) {
    if (int32_t existing = partition_count(); existing > 0) return existing;
    // offsets.topic.replication.factor, but no more than the live brokers (Kafka would refuse instead).
    int16_t live = 0;
    for (const auto& [id, b] : controller_.image().brokers())
        if (!b.fenced) ++live;
    int16_t factor = std::max<int16_t>(1, std::min(replication_factor_, live));
    // Compacted, as Kafka's: only the latest commit per group/topic/partition and group record matter.
    if (auto created = logs_.create_topic(topic_name, partitions, wall_clock_ms(), {{"cleanup.policy", "compact"}}, factor);
        !created && created.err().code != protocol::error_code::topic_already_exists)
        return created.err();
    if (int32_t now = partition_count(); now > 0) return now;
    return make_error(protocol::error_code::coordinator_not_available, "__consumer_offsets is being created");
}

std::optional<int32_t> offsets_topic::led_epoch(int32_t partition) const {
    broker::partition* p = logs_.find(topic_name, partition);
    if (p == nullptr || !p->is_leader()) return std::nullopt;
    return p->leader_epoch();
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

awaitable<result<void>> offsets_topic::wait_committed(int32_t partition, int64_t timeout_ms) {
    broker::partition* p = logs_.find(topic_name, partition);
    if (p == nullptr || !p->is_leader())
        co_return make_error(protocol::error_code::not_leader_or_follower,
                             "not the leader of __consumer_offsets-" + std::to_string(partition));
    // As produce with acks=all (handlers/produce.cpp): the completion writes into shared state, so one that
    // comes after the wait gave up writes nowhere harmful.
    struct shared {
        explicit shared(asio::io_context& io) : timer(io) {}
        asio::steady_timer timer;
        std::optional<protocol::error_code> outcome;
    };
    auto state = std::make_shared<shared>(io_);
    state->timer.expires_after(std::chrono::milliseconds(std::max<int64_t>(0, timeout_ms)));
    p->wait_for_commit(p->log().log_end_offset(), steady_clock_ms() + timeout_ms, 1, [state](protocol::error_code code) {
        if (state->outcome) return;
        state->outcome = code;
        state->timer.cancel();
    });
    if (!state->outcome) {
        boost::system::error_code ec;
        co_await state->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    protocol::error_code code = state->outcome.value_or(protocol::error_code::request_timed_out);
    state->outcome = code;
    if (code != protocol::error_code::none)
        co_return make_error(code, "offset commit not replicated to the ISR of __consumer_offsets-" +
                                       std::to_string(partition) + ": " + std::string(protocol::error_name(code)));
    co_return result<void>{};
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
