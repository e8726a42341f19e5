// Strong types of the idempotent producer (KIP-98): a producer id, its epoch and a batch's sequence number are
// all small integers in a batch header, and passing one where another is meant is a silent bug.
#pragma once
#include <cstdint>
#include <limits>

#include "engine/common/strong_value.h"

namespace sluice::storage {

// Handed out by InitProducerId, unique in the cluster and never reused (metadata ProducerIdsRecord blocks).
using producer_id = strong_value<int64_t, struct producer_id_tag>;
// Bumped when a producer starts over with the same id (KIP-360); batches of older epochs are fenced.
using producer_epoch = strong_value<int16_t, struct producer_epoch_tag>;
// A record's sequence number within one producer id and epoch on one partition; wraps at INT32_MAX to 0.
using sequence = strong_value<int32_t, struct sequence_tag>;

// Kafka's RecordBatch.NO_PRODUCER_ID / NO_PRODUCER_EPOCH / NO_SEQUENCE.
inline constexpr producer_id no_producer_id{-1};
inline constexpr producer_epoch no_producer_epoch{-1};
inline constexpr sequence no_sequence{-1};

// `seq` advanced by `delta` records, wrapping past INT32_MAX to 0 as producers do.
constexpr sequence advance(sequence seq, int32_t delta) {
    const int64_t next = static_cast<int64_t>(seq.value()) + delta;
    constexpr int64_t span = static_cast<int64_t>(std::numeric_limits<int32_t>::max()) + 1;
    return sequence(static_cast<int32_t>(next % span));
}

// Whether `next` is the sequence that directly follows `last` (Kafka's inSequence).
constexpr bool follows(sequence last, sequence next) {
    return static_cast<int64_t>(next.value()) == static_cast<int64_t>(last.value()) + 1 ||
           (next.value() == 0 && last.value() == std::numeric_limits<int32_t>::max());
}

}  // namespace sluice::storage
