// The file behind a segment index (.index, .timeindex): fixed-size big-endian entries, appended in place,
// truncated or rewritten whole. The typed indexes keep their entries in memory; this only moves bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/storage/file_handle.h"

namespace sluice::storage {

class index_file {
public:
    index_file() = default;
    // Opens (creating) the file. `raw` receives its whole entries; `ragged` tells whether a partial entry
    // trailed them (a torn write), which makes the index untrustworthy.
    static result<index_file> open(const std::filesystem::path& path, std::size_t entry_size, std::vector<uint8_t>& raw,
                                   bool& ragged);

    result<void> append(std::span<const uint8_t> entry);
    // Keeps the first `count` entries.
    result<void> truncate(std::size_t count);
    // Replaces the file's content with `entries` (whole entries, concatenated).
    result<void> rewrite(std::span<const uint8_t> entries);
    result<void> sync() { return file_.sync(); }
    result<file_handle> duplicate() const { return file_.duplicate(); }
    void close() { file_.close(); }
    const std::filesystem::path& path() const { return file_.path(); }

private:
    index_file(file_handle file, std::size_t entry_size, std::size_t count)
        : file_(std::move(file)), entry_size_(entry_size), count_(count) {}

    file_handle file_;
    std::size_t entry_size_ = 0;
    std::size_t count_ = 0;
};

}  // namespace sluice::storage
