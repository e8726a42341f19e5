// One partition replica hosted by this node: its log, its high watermark, and the fetches waiting for data.
#pragma once
#include <list>
#include <memory>
#include <string>

#include "engine/common/asio.h"
#include "engine/storage/partition_log.h"

namespace sluice::broker {

class partition {
public:
    partition(std::string topic, int32_t index, std::unique_ptr<storage::partition_log> log);

    const std::string& topic() const { return topic_; }
    int32_t index() const { return index_; }
    int32_t leader_epoch() const { return leader_epoch_; }
    storage::partition_log& log() { return *log_; }
    const storage::partition_log& log() const { return *log_; }

    // Leader append of validated batches: assigns offsets, then advances the high watermark. With one
    // replica the ISR is this node, so the high watermark is the log end at once.
    result<storage::append_result> append(std::span<uint8_t> batches, int64_t now_ms);

    // The offset below which records are committed and visible to consumers.
    int64_t high_watermark() const { return high_watermark_; }

    // Long-poll support: a waiting fetch registers its timer; an append cancels every registered timer so
    // the fetch wakes and reads again. Registrations of finished fetches are pruned
    // on the next registration, so an idle partition polled forever does not grow its list.
    void add_waiter(const std::shared_ptr<asio::steady_timer>& timer);
    void wake_waiters();

private:
    std::string topic_;
    int32_t index_;
    int32_t leader_epoch_ = 0;
    std::unique_ptr<storage::partition_log> log_;
    int64_t high_watermark_ = 0;
    std::list<std::weak_ptr<asio::steady_timer>> waiters_;
};

}  // namespace sluice::broker
