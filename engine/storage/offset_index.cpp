#include "engine/storage/offset_index.h"

#include <algorithm>
#include <array>

#include "engine/protocol/batch_header.h"

namespace sluice::storage {

using protocol::detail::load_be;
using protocol::detail::store_be;

namespace {
std::array<uint8_t, offset_index::entry_size> encode(const offset_index::entry& e, int64_t base_offset) {
    std::array<uint8_t, offset_index::entry_size> b{};
    store_be(b.data(), static_cast<uint32_t>(e.offset - base_offset), 4);
    store_be(b.data() + 4, static_cast<uint32_t>(e.position), 4);
    return b;
}
}  // namespace

result<offset_index> offset_index::open(const std::filesystem::path& path, int64_t base_offset) {
    std::vector<uint8_t> raw;
    offset_index idx;
    auto file = index_file::open(path, entry_size, raw, idx.ragged_);
    if (!file) return file.err();
    idx.file_ = std::move(*file);
    idx.base_offset_ = base_offset;
    idx.entries_.reserve(raw.size() / entry_size);
    for (std::size_t i = 0; i < raw.size(); i += entry_size) {
        const auto rel = static_cast<int32_t>(load_be(raw.data() + i, 4));
        const auto pos = static_cast<int32_t>(load_be(raw.data() + i + 4, 4));
        idx.entries_.push_back({base_offset + rel, pos});
    }
    return idx;
}

bool offset_index::is_consistent(int64_t log_size, int64_t end_offset) const {
    if (ragged_) return false;
    int64_t prev_offset = base_offset_ - 1;
    int64_t prev_position = -1;
    for (const auto& e : entries_) {
        if (e.offset <= prev_offset || e.offset >= end_offset) return false;
        if (e.position <= prev_position || e.position >= log_size) return false;
        prev_offset = e.offset;
        prev_position = e.position;
    }
    return true;
}

offset_index::entry offset_index::lookup(int64_t offset) const {
    auto it = std::upper_bound(entries_.begin(), entries_.end(), offset,
                               [](int64_t o, const entry& e) { return o < e.offset; });
    if (it == entries_.begin()) return {base_offset_, 0};
    return *std::prev(it);
}

std::optional<offset_index::entry> offset_index::first_at_or_after(int64_t offset) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), offset,
                               [](const entry& e, int64_t o) { return e.offset < o; });
    if (it == entries_.end()) return std::nullopt;
    return *it;
}

result<void> offset_index::append(int64_t offset, int64_t position) {
    const entry e{offset, position};
    const auto bytes = encode(e, base_offset_);
    if (auto r = file_.append(bytes); !r) return r;
    entries_.push_back(e);
    return {};
}

result<void> offset_index::truncate_from(int64_t offset) {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), offset,
                               [](const entry& e, int64_t o) { return e.offset < o; });
    const auto keep = static_cast<std::size_t>(it - entries_.begin());
    if (auto r = file_.truncate(keep); !r) return r;
    entries_.resize(keep);
    return {};
}

result<void> offset_index::replace(std::vector<entry> entries) {
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
