#include "engine/broker/partition.h"

namespace sluice::broker {

partition::partition(std::string topic, int32_t index, std::unique_ptr<storage::partition_log> log)
    : topic_(std::move(topic)), index_(index), log_(std::move(log)) {
    high_watermark_ = log_->log_end_offset();
}

result<storage::append_result> partition::append(std::span<uint8_t> batches, int64_t now_ms) {
    auto appended = log_->append(batches, leader_epoch_, now_ms);
    if (appended) {
        high_watermark_ = log_->log_end_offset();
        wake_waiters();
    }
    return appended;
}

void partition::add_waiter(const std::shared_ptr<asio::steady_timer>& timer) {
    waiters_.remove_if([](const std::weak_ptr<asio::steady_timer>& w) { return w.expired(); });
    waiters_.push_back(timer);
}

void partition::wake_waiters() {
    for (auto& weak : waiters_)
        if (auto timer = weak.lock()) timer->cancel();
    waiters_.clear();
}

}  // namespace sluice::broker
