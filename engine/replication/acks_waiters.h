// The acks=all produce requests of one partition that wait for the high watermark to pass what they
// appended, each with a deadline (the request's timeout), plus Kafka's min.insync.replicas checks.
// Deterministic: the owner feeds HW changes and times; completions run on the caller's stack, after the
// waiter was removed, so a completion may add or cancel waiters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/common/error_code.h"
#include "engine/replication/types.h"

namespace sluice::replication {

// Before appending an acks=all batch: the committed ISR must have at least min.insync.replicas members,
// else NOT_ENOUGH_REPLICAS and nothing is written.
protocol::error_code check_min_isr_before_append(std::size_t isr_size, int32_t min_insync_replicas);
// When an acks=all batch became committed: if the (maximal) ISR shrank below min.insync.replicas meanwhile
// the data is written but under-replicated, and Kafka answers NOT_ENOUGH_REPLICAS_AFTER_APPEND.
protocol::error_code check_min_isr_after_append(std::size_t maximal_isr_size, int32_t min_insync_replicas);

class acks_waiters {
public:
    using completion = std::function<void(protocol::error_code)>;
    using waiter_id = uint64_t;

    // Waits until the HW reaches `required_offset` (the append's last offset + 1) or `deadline_ms`.
    // Never completes inline: the caller checks the current HW before adding.
    waiter_id add(offset required_offset, int64_t deadline_ms, completion done);
    // Completes, lowest required offset first (ties in arrival order), every waiter the HW satisfies, with
    // `outcome`: none, or what check_min_isr_after_append says for the current maximal ISR. Returns how many.
    std::size_t on_high_watermark(offset high_watermark, protocol::error_code outcome = protocol::error_code::none);
    // Fails every waiter whose deadline is <= `now_ms` with REQUEST_TIMED_OUT, earliest deadline first.
    std::size_t on_deadline(int64_t now_ms);
    // Fails every waiter with `code`, lowest offset first: NOT_LEADER_OR_FOLLOWER when leadership is lost.
    std::size_t fail_all(protocol::error_code code);
    // Forgets a waiter without calling it (its connection went away). False when it already completed.
    bool cancel(waiter_id id);

    // The earliest deadline, for the owner's timer.
    std::optional<int64_t> next_deadline() const;
    std::size_t size() const { return by_offset_.size(); }
    bool empty() const { return by_offset_.empty(); }

private:
    struct waiter {
        waiter_id id;
        int64_t deadline_ms;
        completion done;
    };
    using offset_index = std::multimap<offset, waiter>;  // multimap keeps equal keys in insertion order

    // Unlinks `it` from every index and hands back its completion.
    completion take(offset_index::iterator it);
    static std::size_t run(std::vector<completion>& ready, protocol::error_code code);

    waiter_id next_id_ = 1;
    offset_index by_offset_;
    std::map<std::pair<int64_t, waiter_id>, offset_index::iterator> by_deadline_;
    std::unordered_map<waiter_id, offset_index::iterator> by_id_;
};

}  // namespace sluice::replication
