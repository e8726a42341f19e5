#include "engine/storage/time_index.h"

#include <algorithm>
#include <array>

#include "engine/protocol/batch_header.h"

namespace sluice::storage {

using protocol::detail::load_be;
using protocol::detail::store_be;

namespace {
std::array<uint8_t, time_index::entry_size> encode(const time_index::entry& e, int64_t base_offset) {
    std::array<uint8_t, time_index::entry_size> b{};
    store_be(b.data(), static_cast<uint64_t>(e.timestamp), 8);
    store_be(b.data() + 8, static_cast<uint32_t>(e.offset - base_offset), 4);
    return b;
}
}  // namespace

result<time_index> time_index::open(const std::filesystem::path& path, int64_t base_offset) {
    std::vector<uint8_t> raw;
    time_index idx;
    auto file = index_file::open(path, entry_size, raw, idx.ragged_);
    if (!file) return file.err();
    idx.file_ = std::move(*file);
    idx.base_offset_ = base_offset;
    idx.entries_.reserve(raw.size() / entry_size);
    for (std::size_t i = 0; i < raw.size(); i += entry_size) {
        const auto ts = static_cast<int64_t>(load_be(raw.data() + i, 8));
        const auto rel = static_cast<int32_t>(load_be(raw.data() + i + 8, 4));
        idx.entries_.push_back({ts, base_offset + rel});
    }
    return idx;
}

bool time_index::is_consistent(int64_t end_offset) const {
    if (ragged_) return false;
    int64_t prev_ts = -1;
    int64_t prev_offset = base_offset_;
    for (const auto& e : entries_) {
        if (e.timestamp <= prev_ts || e.offset < prev_offset || e.offset >= end_offset) return false;
        prev_ts = e.timestamp;
        prev_offset = e.offset;
    }
    return true;
}

time_index::entry time_index::lookup(int64_t timestamp) const {
    auto it = std::upper_bound(entries_.begin(), entries_.end(), timestamp,
                               [](int64_t t, const entry& e) { return t < e.timestamp; });
    if (it == entries_.begin()) return {-1, base_offset_};
    return *std::prev(it);
}

std::optional<time_index::entry> time_index::last_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.back();
}

result<void> time_index::maybe_append(int64_t timestamp, int64_t offset) {
    if (!entries_.empty() && timestamp <= entries_.back().timestamp) return {};
    if (timestamp < 0) return {};  // batches without timestamps (-1) say nothing a search could use
    const entry e{timestamp, offset};
    const auto bytes = encode(e, base_offset_);
    if (auto r = file_.append(bytes); !r) return r;
    entries_.push_back(e);
    return {};
}

result<void> time_index::truncate_from(int64_t offset) {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), offset,
                               [](const entry& e, int64_t o) { return e.offset < o; });
    const auto keep = static_cast<std::size_t>(it - entries_.begin());
    if (auto r = file_.truncate(keep); !r) return r;
    entries_.resize(keep);
    return {};
}

result<void> time_index::replace(std::vector<entry> entries) {
    std::vector<uint8_t> raw;
    raw.reserve(entries.size() * entry_size);
    for (const auto& e : entries) {
        const auto b = encode(e, base_offset_);
        raw.insert(raw.end(), b.begin(), b.end());
    }
    if (auto r = file_.rewrite(raw); !r) return r;
    entries_ = std::move(entries);
    ragged_ = false;
    return {};
}

}  // namespace sluice::storage
