#include "engine/replication/acks_waiters.h"

#include <vector>

namespace sluice::replication {

protocol::error_code check_min_isr_before_append(std::size_t isr_size, int32_t min_insync_replicas) {
    if (min_insync_replicas > 0 && isr_size < static_cast<std::size_t>(min_insync_replicas))
        return protocol::error_code::not_enough_replicas;
    return protocol::error_code::none;
}

protocol::error_code check_min_isr_after_append(std::size_t maximal_isr_size, int32_t min_insync_replicas) {
    if (min_insync_replicas > 0 && maximal_isr_size < static_cast<std::size_t>(min_insync_replicas))
        return protocol::error_code::not_enough_replicas_after_append;
    return protocol::error_code::none;
}

acks_waiters::waiter_id acks_waiters::add(offset required_offset, int64_t deadline_ms, completion done) {
    const auto id = next_id_++;
    auto it = by_offset_.emplace(required_offset, waiter{id, deadline_ms, std::move(done)});
    by_deadline_.emplace(std::pair{deadline_ms, id}, it);
    by_id_.emplace(id, it);
    return id;
}

acks_waiters::completion acks_waiters::take(offset_index::iterator it) {
    auto done = std::move(it->second.done);
    by_deadline_.erase(std::pair{it->second.deadline_ms, it->second.id});
    by_id_.erase(it->second.id);
    by_offset_.erase(it);
    return done;
}

// Completions run only after every index is consistent again, so they may re-enter this object.
std::size_t acks_waiters::run(std::vector<completion>& ready, protocol::error_code code) {
    for (auto& done : ready)
        if (done) done(code);
    return ready.size();
}

std::size_t acks_waiters::on_high_watermark(offset high_watermark, protocol::error_code outcome) {
    std::vector<completion> ready;
    while (!by_offset_.empty() && by_offset_.begin()->first <= high_watermark) ready.push_back(take(by_offset_.begin()));
    return run(ready, outcome);
}

std::size_t acks_waiters::on_deadline(int64_t now_ms) {
    std::vector<completion> ready;
    while (!by_deadline_.empty() && by_deadline_.begin()->first.first <= now_ms)
        ready.push_back(take(by_deadline_.begin()->second));
    return run(ready, protocol::error_code::request_timed_out);
}

std::size_t acks_waiters::fail_all(protocol::error_code code) {
    std::vector<completion> ready;
    while (!by_offset_.empty()) ready.push_back(take(by_offset_.begin()));
    return run(ready, code);
}

bool acks_waiters::cancel(waiter_id id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return false;
    take(it->second);
    return true;
}

std::optional<int64_t> acks_waiters::next_deadline() const {
    if (by_deadline_.empty()) return std::nullopt;
    return by_deadline_.begin()->first.first;
}

}  // namespace sluice::replication
