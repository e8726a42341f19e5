// What the group coordinator needs from the node that hosts it: the partitions of __consumer_offsets
// (created on demand, appended to through the partition leader with acks=all semantics, replayed when this
// node starts leading one), which of them this node leads, and whether a partition exists.
// The broker implements it over its log manager and the metadata image; tests can fake it.
#pragma once
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/protocol/record_batch.h"

namespace sluice::group {

class offsets_backend {
public:
    virtual ~offsets_backend() = default;
    // Partitions of __consumer_offsets in the cluster; 0 while the topic does not exist.
    virtual int32_t partition_count() const = 0;
    // Creates __consumer_offsets with `partitions` partitions unless it exists; returns its partition count
    // (an error while a cluster is still creating it: the caller answers COORDINATOR_NOT_AVAILABLE).
    virtual result<int32_t> ensure_topic(int32_t partitions) = 0;
    // The leader epoch of the partition when this node leads it; nullopt when it does not (it then does not
    // coordinate the partition's groups). A fake with one node leads everything.
    virtual std::optional<int32_t> led_epoch(int32_t partition) const {
        (void)partition;
        return 0;
    }
    // Appends the records as one batch to the partition (as its leader: NOT_LEADER_OR_FOLLOWER otherwise).
    virtual result<void> append(int32_t partition, std::span<const protocol::record> records) = 0;
    // Waits until everything appended to the partition so far is committed (the high watermark reached the
    // log end: every ISR member has it), at most `timeout_ms`. Call it right after append(). Errors:
    // NOT_LEADER_OR_FOLLOWER (leadership lost), REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS_AFTER_APPEND.
    virtual awaitable<result<void>> wait_committed(int32_t partition, int64_t timeout_ms) {
        (void)partition;
        (void)timeout_ms;
        co_return result<void>{};
    }
    // Visits every record of the partition from its start to its log end, in offset order.
    virtual result<void> replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) = 0;
    // Whether the cluster has this topic partition (commits to unknown ones are refused).
    virtual bool partition_exists(const std::string& topic, int32_t partition) const = 0;
};

}  // namespace sluice::group
