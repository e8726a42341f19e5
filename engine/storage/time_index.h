// A segment's sparse time index (.timeindex): each entry records that the segment's largest timestamp so far
// was reached by the batch at `offset`. Entries on disk: timestamp (int64 BE), offset relative to the
// segment's base (int32 BE). Timestamps strictly increase, so a binary search finds where to start scanning.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "engine/common/result.h"
#include "engine/storage/index_file.h"

namespace sluice::storage {

class time_index {
public:
    struct entry {
        int64_t timestamp = -1;
        int64_t offset = 0;  // absolute base offset of the batch that raised the maximum
    };
    static constexpr std::size_t entry_size = 12;

    time_index() = default;
    static result<time_index> open(const std::filesystem::path& path, int64_t base_offset);

    // Same idea as offset_index::is_consistent: no torn entry, timestamps strictly and offsets weakly
    // increasing, offsets within [base, end_offset).
    bool is_consistent(int64_t end_offset) const;
    // The last entry whose timestamp <= `timestamp`; {-1, base} when none. Every batch before its offset has
    // a smaller max timestamp, so a scan for the first batch reaching `timestamp` may start there.
    entry lookup(int64_t timestamp) const;
    std::optional<entry> last_entry() const;
    // Appends only when `timestamp` raises the last entry's (Kafka's maybeAppend).
    result<void> maybe_append(int64_t timestamp, int64_t offset);
    // Drops entries for offsets >= `offset`.
    result<void> truncate_from(int64_t offset);
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
