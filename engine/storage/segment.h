// One segment of a partition log: a .log of concatenated v2 record batches starting at `base_offset`, with its
// sparse .index and .timeindex. Knows how to append, locate, read, truncate and recover its own batches;
// choosing between segments is partition_log's job.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/batch_header.h"
#include "engine/storage/background_flusher.h"
#include "engine/storage/file_handle.h"
#include "engine/storage/offset_index.h"
#include "engine/storage/time_index.h"

namespace sluice::storage {

// What the retention view and policy need to know about a segment.
struct segment_info {
    int64_t base_offset = 0;
    int64_t size_bytes = 0;
    int64_t largest_timestamp = -1;  // largest batch max timestamp, -1 when no batch carried one
    int64_t last_modified_ms = 0;
};

// A batch found in a segment file: its header and where it starts.
struct batch_location {
    protocol::batch_header header;
    int64_t position = 0;
};

// What read_batches copied.
struct read_extent {
    int64_t bytes = 0;
    int64_t first_offset = -1;  // base offset of the first batch copied
    int64_t next_offset = -1;   // last offset of the last batch copied + 1
    bool stopped = false;       // stopped by max_bytes or max_offset rather than by the end of the segment
};

class segment {
public:
    // Creates fresh, empty files (replacing any left behind at that base offset). A `temp_suffix` (".cleaned")
    // is appended to every file name: the compactor writes a replacement beside the segment it replaces.
    static result<segment> create(const std::filesystem::path& dir, int64_t base_offset, int64_t now_ms,
                                  std::string_view temp_suffix = {});
    // Opens existing files; call recover() or load_indexes() next.
    static result<segment> open(const std::filesystem::path& dir, int64_t base_offset, int64_t now_ms);

    // For the last segment: checks every batch (header sanity, contiguous offsets, CRC-32C), truncates a torn
    // or corrupt tail and rebuilds both indexes from what survives.
    result<void> recover(int32_t index_interval_bytes);
    // For older segments, whose offsets end below `end_offset` (the next segment's base): keeps index files
    // that look consistent, otherwise rebuilds them by scanning like recover().
    result<void> load_indexes(int64_t end_offset, int32_t index_interval_bytes);

    // Appends `bytes`, whose batches `batches` describes (positions relative to the start of `bytes`).
    result<void> append(std::span<const uint8_t> bytes, std::span<const batch_location> batches,
                        int32_t index_interval_bytes);

    // The first batch whose last offset >= `offset`; nullopt when the segment holds none.
    result<std::optional<batch_location>> find_batch(int64_t offset) const;
    // The first batch with last offset >= `min_offset` whose max timestamp >= `timestamp`.
    result<std::optional<batch_location>> find_batch_by_timestamp(int64_t timestamp, int64_t min_offset) const;
    result<protocol::batch_header> read_header(int64_t position) const;

    // Appends to `out` whole batches from `position` (a batch start) while they fit in `max_bytes` — but at
    // least one batch when `at_least_one` — and start before `max_offset`.
    result<read_extent> read_batches(int64_t position, int64_t max_bytes, bool at_least_one, int64_t max_offset,
                                     std::vector<uint8_t>& out) const;

    // Drops every batch whose last offset >= `offset` (a batch straddling `offset` goes whole).
    result<void> truncate_to(int64_t offset);
    // Called when a newer segment takes over appends: records the final max timestamp and fsyncs (or, with a
    // flusher, hands the fsync to it).
    result<void> seal(background_flusher* flusher = nullptr);
    result<void> flush();
    // fsyncs the files on `flusher`'s thread (descriptors duplicated now), or here when it is null.
    result<void> flush(background_flusher* flusher);
    // Sets the .log file's modification time; the compactor keeps there when the segment was first cleaned.
    result<void> set_last_modified(int64_t ms) { return log_.set_modified_ms(ms); }
    // Renames the files to *.deleted, then unlinks them, so a crash in between leaves only leftovers that
    // the next open removes. The object must not be used afterwards.
    result<void> remove();

    int64_t base_offset() const { return base_offset_; }
    int64_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // Valid for the segment that was recovered or appended to (the last one); older segments don't track it.
    int64_t next_offset() const { return next_offset_; }
    int64_t max_timestamp() const { return max_timestamp_; }
    // segment.ms measures from this: the first batch's max timestamp, or when the segment was created/opened.
    std::optional<int64_t> first_batch_timestamp() const { return first_batch_timestamp_; }
    int64_t created_ms() const { return created_ms_; }
    segment_info info() const;

private:
    segment() = default;
    static result<segment> open_files(const std::filesystem::path& dir, int64_t base_offset, int64_t now_ms, bool fresh,
                                      std::string_view temp_suffix);
    std::filesystem::path file(std::string_view suffix) const;
    // Scans from position 0, validating each batch, truncating where validation fails, rebuilding indexes.
    result<void> rebuild(int32_t index_interval_bytes);
    // Updates the running maxima for a batch at `position` and says which index entries it earns.
    void account(const protocol::batch_header& h, int64_t position, int32_t index_interval_bytes,
                 std::optional<offset_index::entry>& offset_entry, std::optional<time_index::entry>& time_entry);
    void reset_running_state();

    std::filesystem::path dir_;
    std::string temp_suffix_;  // appended to every file name; empty for live segments
    int64_t base_offset_ = 0;
    file_handle log_;
    offset_index offset_index_;
    time_index time_index_;
    int64_t size_ = 0;
    int64_t next_offset_ = 0;
    int64_t max_timestamp_ = -1;
    int64_t offset_of_max_timestamp_ = 0;
    int64_t last_time_indexed_ = -1;  // timestamp of the time index's last entry (pending ones included)
    int64_t bytes_since_last_index_entry_ = 0;
    std::optional<int64_t> first_batch_timestamp_;
    int64_t created_ms_ = 0;
    bool index_files_existed_ = false;
};

}  // namespace sluice::storage
