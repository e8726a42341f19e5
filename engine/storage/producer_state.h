// The idempotent producers of one partition (Kafka's ProducerStateManager): for each producer id its epoch and
// the metadata of its last five batches, so that the leader can tell a retried batch (answered with its
// original offsets) from a gap in the sequence or a fenced epoch, and any replica that becomes leader can do
// the same. Built by update() for every appended batch, on the leader, on followers and when the log is
// replayed; it holds nothing that the log itself does not hold, so truncation rebuilds it from the log.
// Single-threaded, owned by the partition.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/batch_header.h"
#include "engine/storage/producer_types.h"

namespace sluice::storage {

// Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN: producers keep at most five requests in flight per
// partition (max.in.flight.requests.per.connection <= 5), so a retry always matches one of the last five.
inline constexpr std::size_t producer_batches_retained = 5;

// One appended batch of a producer, as far as deduplication needs it.
struct producer_batch {
    sequence first_seq = no_sequence;
    sequence last_seq = no_sequence;
    int64_t first_offset = -1;
    int64_t last_offset = -1;
    int64_t timestamp = -1;  // the batch's max timestamp
    friend bool operator==(const producer_batch&, const producer_batch&) = default;
};

struct producer_entry {
    producer_epoch epoch = no_producer_epoch;
    std::deque<producer_batch> batches;  // oldest first, at most producer_batches_retained
    // The newest batch's timestamp: producer.id.expiration.ms counts from it, as Kafka's lastTimestamp.
    int64_t last_timestamp() const { return batches.empty() ? -1 : batches.back().timestamp; }
    friend bool operator==(const producer_entry&, const producer_entry&) = default;
};

class producer_state {
public:
    // Leader check of one batch a client sent, before it is appended: an error to answer with
    // (INVALID_PRODUCER_EPOCH, OUT_OF_ORDER_SEQUENCE_NUMBER), the batch it repeats (a retry: answer with that
    // batch's offsets and append nothing), or nullopt (append it). Batches without a producer id pass.
    result<std::optional<producer_batch>> check(const protocol::batch_header& batch) const;
    // Records a batch that is in the log now, with its offsets assigned. Leaders, followers and log replay all
    // call it; it does not validate (what a replica appends, its leader validated).
    void update(const protocol::batch_header& batch);
    // Forgets producers whose newest batch is at least `expiration_ms` older than `now_ms`
    // (producer.id.expiration.ms). Returns how many.
    std::size_t expire(int64_t now_ms, int64_t expiration_ms);
    void clear() { producers_.clear(); }

    const producer_entry* find(producer_id id) const;
    std::size_t size() const { return producers_.size(); }
    const std::map<producer_id, producer_entry>& producers() const { return producers_; }
    friend bool operator==(const producer_state&, const producer_state&) = default;

    // The snapshot file's contents (producer_snapshot.h): a version, a CRC-32C, then every producer.
    std::vector<uint8_t> encode() const;
    // CORRUPT_MESSAGE for a wrong version, a CRC mismatch or a truncated body.
    static result<producer_state> decode(std::span<const uint8_t> bytes);

private:
    std::map<producer_id, producer_entry> producers_;
};

}  // namespace sluice::storage
