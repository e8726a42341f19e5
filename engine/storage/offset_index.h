// A segment's sparse offset index (.index): batch base offset -> byte position of that batch in the .log.
// Entries on disk: offset relative to the segment's base (int32 BE), position (int32 BE).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "engine/common/result.h"
#include "engine/storage/index_file.h"

namespace sluice::storage {

class offset_index {
public:
    struct entry {
        int64_t offset = 0;  // absolute
        int64_t position = 0;
    };
    static constexpr std::size_t entry_size = 8;

    offset_index() = default;
    // Opens (creating) the file and loads its entries without judging them: see is_consistent().
    static result<offset_index> open(const std::filesystem::path& path, int64_t base_offset);

    // Whether the loaded entries can be trusted for a segment of `log_size` bytes whose offsets stay below
    // `end_offset`: no torn entry, offsets and positions strictly increasing and in range.
    bool is_consistent(int64_t log_size, int64_t end_offset) const;
    // The last entry at or before `offset`: where a forward scan for it may start. {base, 0} when none.
    entry lookup(int64_t offset) const;
    // The first entry at or after `offset`: a batch there starts no earlier, so reads bounded by `offset`
    // never need bytes past its position.
    std::optional<entry> first_at_or_after(int64_t offset) const;
    result<void> append(int64_t offset, int64_t position);
    // Drops entries for offsets >= `offset`.
    result<void> truncate_from(int64_t offset);
    // Replaces memory and file with `entries` (after a rebuild scan).
    result<void> replace(std::vector<entry> entries);
    result<void> sync() { return file_.sync(); }
    result<file_handle> duplicate() const { return file_.duplicate(); }
    void close() { file_.close(); }
    const std::vector<entry>& entries() const { return entries_; }

private:
    index_file file_;
    int64_t base_offset_ = 0;
    std::vector<entry> entries_;
    bool ragged_ = false;
};

}  // namespace sluice::storage
