#include "engine/storage/index_file.h"

namespace sluice::storage {

result<index_file> index_file::open(const std::filesystem::path& path, std::size_t entry_size,
                                    std::vector<uint8_t>& raw, bool& ragged) {
    auto file = file_handle::open(path);
    if (!file) return file.err();
    auto size = file->size();
    if (!size) return size.err();
    const auto bytes = static_cast<std::size_t>(*size);
    ragged = bytes % entry_size != 0;
    const std::size_t count = bytes / entry_size;
    raw.resize(count * entry_size);
    if (!raw.empty()) {
        if (auto r = file->read_at(raw, 0); !r) return r.err();
    }
    index_file idx(std::move(*file), entry_size, count);
    // A trailing partial entry would sit between the entries and the next append: drop it now.
    if (ragged) {
        if (auto r = idx.file_.truncate(static_cast<int64_t>(count * entry_size)); !r) return r.err();
    }
    return idx;
}

result<void> index_file::append(std::span<const uint8_t> entry) {
    if (auto r = file_.write_at(entry, static_cast<int64_t>(count_ * entry_size_)); !r) return r;
    count_ += entry.size() / entry_size_;
    return {};
}

result<void> index_file::truncate(std::size_t count) {
    if (count >= count_) return {};
    if (auto r = file_.truncate(static_cast<int64_t>(count * entry_size_)); !r) return r;
    count_ = count;
    return {};
}

result<void> index_file::rewrite(std::span<const uint8_t> entries) {
    if (auto r = file_.truncate(0); !r) return r;
    count_ = 0;
    if (entries.empty()) return {};
    return append(entries);
}

}  // namespace sluice::storage
