#include "engine/storage/offset_map.h"

#include <algorithm>

namespace sluice::storage {

namespace {

std::string_view as_view(std::span<const uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// A control record's key: version (int16), type (int16): 0 = ABORT, 1 = COMMIT.
constexpr int16_t control_commit = 1;

std::optional<int16_t> control_type(const protocol::record& r) {
    if (!r.key || r.key->size() < 4) return std::nullopt;
    return static_cast<int16_t>(((*r.key)[2] << 8) | (*r.key)[3]);
}

}  // namespace

void offset_map::record_offset(std::string_view key, int64_t offset) {
    auto it = latest_.find(key);
    if (it == latest_.end()) {
        latest_.emplace(std::string(key), offset);
    } else {
        it->second = std::max(it->second, offset);
    }
}

result<void> offset_map::add(const protocol::batch_view& batch, int64_t max_offset) {
    const auto& h = batch.header;
    if (h.base_offset >= max_offset) return {};
    if (h.producer_id >= 0) last_batch_of_producer_[h.producer_id] = h.base_offset;
    auto records = protocol::decode_records(batch);
    if (!records) return records.err();

    if (h.is_control()) {
        if (h.producer_id < 0 || records->empty()) return {};
        auto pending = pending_.find(h.producer_id);
        if (pending == pending_.end()) return {};
        if (control_type(records->front()) == control_commit) {
            for (const auto& [key, offset] : pending->second) record_offset(key, offset);
        }
        pending_.erase(pending);
        return {};
    }
    for (const auto& r : *records) {
        if (r.offset >= max_offset) break;
        if (!r.key) continue;  // null keys don't take part in compaction
        const auto key = as_view(*r.key);
        if (h.is_transactional() && h.producer_id >= 0) {
            pending_[h.producer_id].emplace_back(std::string(key), r.offset);
        } else {
            record_offset(key, r.offset);
        }
    }
    return {};
}

std::optional<int64_t> offset_map::latest(std::span<const uint8_t> key) const {
    auto it = latest_.find(as_view(key));
    if (it == latest_.end()) return std::nullopt;
    return it->second;
}

bool offset_map::is_last_batch_of_producer(int64_t producer_id, int64_t base_offset) const {
    auto it = last_batch_of_producer_.find(producer_id);
    return it != last_batch_of_producer_.end() && it->second == base_offset;
}

}  // namespace sluice::storage
