// The compactor's map from record key to the offset of that key's latest record, built by feeding every batch
// of the log in offset order (Kafka's OffsetMap, but exact: keyed by the whole key, no hash collisions).
// Transactions count only once committed: a transactional record enters the map when its producer's COMMIT
// marker is seen, so aborted or still open transactions never make an older committed value disappear.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/record_batch.h"

namespace sluice::storage {

class offset_map {
public:
    // Feeds one batch; batches must come in offset order. Records at or after `max_offset` are ignored.
    result<void> add(const protocol::batch_view& batch, int64_t max_offset);

    // The offset of the latest record with `key`; nullopt when no (committed) record has it.
    std::optional<int64_t> latest(std::span<const uint8_t> key) const;
    // Whether the batch starting at `base_offset` is the last batch of `producer_id` seen: Kafka keeps such a
    // batch (empty if need be) so that the producer's last sequence number survives compaction.
    bool is_last_batch_of_producer(int64_t producer_id, int64_t base_offset) const;
    std::size_t size() const { return latest_.size(); }

private:
    struct key_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    void record_offset(std::string_view key, int64_t offset);

    std::unordered_map<std::string, int64_t, key_hash, std::equal_to<>> latest_;
    // Keys and offsets of each producer's undecided transaction, by producer id.
    std::unordered_map<int64_t, std::vector<std::pair<std::string, int64_t>>> pending_;
    std::unordered_map<int64_t, int64_t> last_batch_of_producer_;
};

}  // namespace sluice::storage
