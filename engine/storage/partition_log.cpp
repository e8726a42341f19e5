#include "engine/storage/partition_log.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <system_error>

#include "engine/storage/file_handle.h"
#include "engine/storage/log_start_checkpoint.h"
#include "engine/storage/offset_checkpoint.h"
#include "engine/storage/segment_files.h"
#include "engine/storage/segment_swap.h"

namespace sluice::storage {

using protocol::batch_header;
using protocol::batch_header_size;
using protocol::error_code;

namespace {

constexpr int64_t max_relative = std::numeric_limits<int32_t>::max();

error fs_error(const char* what, const std::filesystem::path& path, const std::error_code& ec) {
    return make_error(error_code::kafka_storage_error, std::string(what) + " " + path.string() + ": " + ec.message());
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

namespace {
std::atomic<uint64_t> next_log_id{1};
}  // namespace

partition_log::partition_log(private_tag, std::filesystem::path dir, log_config cfg)
    : dir_(std::move(dir)),
      config_(cfg),
      log_start_file_(std::make_shared<checkpoint_file>(dir_ / log_start_checkpoint_name)),
      cleaner_file_(std::make_shared<checkpoint_file>(dir_ / cleaner_checkpoint_name)),
      id_(next_log_id.fetch_add(1, std::memory_order_relaxed)) {}

result<std::unique_ptr<partition_log>> partition_log::open(std::filesystem::path dir, log_config cfg, int64_t now_ms) {
    auto log = std::make_unique<partition_log>(private_tag{}, std::move(dir), cfg);
    if (auto r = log->load(now_ms); !r) return r.err();
    return log;
}

result<void> partition_log::load(int64_t now_ms) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return fs_error("cannot create", dir_, ec);
    // Before anything else: a compaction that passed its commit point is completed, so the listing below
    // sees the cleaned segment in place of the ones it replaced.
    if (auto r = recover_swaps(dir_); !r) return r;

    const auto cleaner_checkpoint = dir_ / cleaner_checkpoint_name;
    std::vector<int64_t> bases;
    std::vector<std::filesystem::path> leftovers;
    std::vector<std::filesystem::path> index_files;
    // The error_code overloads throughout: filesystem errors become results, never exceptions.
    for (std::filesystem::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (!it->is_regular_file(type_ec)) continue;
        const auto& path = it->path();
        const auto name = path.filename().string();
        if (ends_with(name, deleted_suffix) || ends_with(name, cleaned_suffix) || ends_with(name, swap_suffix) ||
            path == log_start_checkpoint_tmp(dir_) || path == offset_checkpoint_tmp(cleaner_checkpoint)) {
            leftovers.push_back(path);
        } else if (auto base = parse_segment_base(path, log_suffix)) {
            bases.push_back(*base);
        } else if (ends_with(name, index_suffix) || ends_with(name, time_index_suffix)) {
            index_files.push_back(path);
        }
    }
    if (ec) return fs_error("cannot list", dir_, ec);
    std::sort(bases.begin(), bases.end());
    // Indexes without their .log belong to nothing (a deletion interrupted between files): drop them too.
    for (const auto& p : index_files) {
        auto base =
            parse_segment_base(p, ends_with(p.filename().string(), index_suffix) ? index_suffix : time_index_suffix);
        if (!base || !std::binary_search(bases.begin(), bases.end(), *base)) leftovers.push_back(p);
    }
    for (const auto& p : leftovers) {
        std::filesystem::remove(p, ec);
        if (ec) return fs_error("cannot remove leftover", p, ec);
    }

    const auto checkpoint = read_log_start_checkpoint(dir_);
    for (std::size_t i = 0; i < bases.size(); ++i) {
        auto seg = segment::open(dir_, bases[i], now_ms);
        if (!seg) return seg.err();
        const bool last = i + 1 == bases.size();
        auto r = last ? seg->recover(config_.index_interval_bytes)
                      : seg->load_indexes(bases[i + 1], config_.index_interval_bytes);
        if (!r) return r;
        segments_.emplace(bases[i], std::move(*seg));
    }
    if (segments_.empty()) {
        auto seg = segment::create(dir_, checkpoint.value_or(0), now_ms);
        if (!seg) return seg.err();
        segments_.emplace(seg->base_offset(), std::move(*seg));
    }
    log_end_offset_ = active().next_offset();
    log_start_offset_ = std::max(checkpoint.value_or(0), segments_.begin()->first);
    if (log_start_offset_ > log_end_offset_) {
        // The checkpoint lies beyond what recovery kept (the tail was torn off). The start never passes the
        // end; persist that, or the next appends would fall below a stale start after another restart.
        if (auto r = set_log_start_offset(log_end_offset_); !r) return r;
    }
    // The checkpoint is the end of the cleaned segments; it can't lie in or past the active segment.
    first_dirty_offset_ = std::min(read_offset_checkpoint(cleaner_checkpoint).value_or(0), active().base_offset());
    last_flush_ms_ = now_ms;
    clock_ms_ = now_ms;
    return {};
}

result<void> partition_log::scan_batches(std::span<const uint8_t> batches, int64_t require_from) {
    scratch_.clear();
    std::size_t pos = 0;
    int64_t next = require_from;
    while (pos < batches.size()) {
        auto h = protocol::parse_batch_header(batches.subspan(pos));
        if (!h || h->magic != 2 ||
            h->batch_length < static_cast<int32_t>(batch_header_size - protocol::batch_length_field_end) ||
            h->last_offset_delta < 0 || h->total_size() > batches.size() - pos) {
            return make_error(error_code::corrupt_message,
                              "malformed record batch at byte " + std::to_string(pos) + " of the appended data");
        }
        if (require_from >= 0) {
            if (h->base_offset < next) {
                return make_error(error_code::invalid_request, "batch base offset " + std::to_string(h->base_offset) +
                                                                   " is below " + std::to_string(next) +
                                                                   " (log end offset or previous batch)");
            }
            next = h->last_offset() + 1;
        }
        scratch_.push_back(batch_location{*h, static_cast<int64_t>(pos)});
        pos += h->total_size();
    }
    if (scratch_.empty()) return make_error(error_code::invalid_request, "no record batch to append");
    return {};
}

result<append_result> partition_log::append(std::span<uint8_t> batches, int32_t leader_epoch, int64_t now_ms) {
    if (auto r = scan_batches(batches, -1); !r) return r.err();
    int64_t next = log_end_offset_;
    for (auto& b : scratch_) {
        auto bytes = batches.subspan(static_cast<std::size_t>(b.position));
        protocol::patch_base_offset(bytes, next);
        protocol::patch_partition_leader_epoch(bytes, leader_epoch);
        b.header.base_offset = next;
        b.header.partition_leader_epoch = leader_epoch;
        next = b.header.last_offset() + 1;
    }
    return append_scanned(batches, now_ms);
}

result<append_result> partition_log::append_with_offsets(std::span<const uint8_t> batches, int64_t now_ms) {
    if (auto r = scan_batches(batches, log_end_offset_); !r) return r.err();
    return append_scanned(batches, now_ms);
}

result<append_result> partition_log::append_scanned(std::span<const uint8_t> batches, int64_t now_ms) {
    clock_ms_ = std::max(clock_ms_, now_ms);
    append_result res;
    res.base_offset = scratch_.front().header.base_offset;
    res.last_offset = scratch_.back().header.last_offset();
    int64_t records = 0;
    for (const auto& b : scratch_) {
        res.max_timestamp = std::max(res.max_timestamp, b.header.max_timestamp);
        records += b.header.record_count;
    }
    if (scratch_.front().header.log_append_time()) res.log_append_time = scratch_.front().header.max_timestamp;
    // Offsets in the .index are int32 relative to the segment base: one append must fit one segment.
    if (res.last_offset - res.base_offset > max_relative)
        return make_error(error_code::invalid_request, "appended batches span more offsets than a segment can index");

    if (active().empty() && active().base_offset() != res.base_offset) {
        // An empty active segment whose base doesn't match (a follower's append after a gap): recreate it at
        // the first offset so the file name keeps telling where the segment starts.
        auto it = std::prev(segments_.end());
        if (auto r = remove_segment(it); !r) return r.err();
        auto seg = segment::create(dir_, res.base_offset, now_ms);
        if (!seg) return seg.err();
        segments_.emplace(res.base_offset, std::move(*seg));
    } else if (should_roll(static_cast<int64_t>(batches.size()), res.last_offset, res.max_timestamp, now_ms)) {
        if (auto r = roll(res.base_offset, now_ms); !r) return r.err();
    }

    if (auto r = active().append(batches, scratch_, config_.index_interval_bytes); !r) return r.err();
    log_end_offset_ = active().next_offset();
    unflushed_messages_ += records;
    if (unflushed_messages_ >= config_.flush_messages) {
        if (auto r = flush_by_policy(); !r) return r.err();
        last_flush_ms_ = now_ms;
    } else if (auto r = flush_if_due(now_ms); !r) {
        return r.err();
    }
    return res;
}

bool partition_log::should_roll(int64_t bytes, int64_t last_offset, int64_t max_timestamp, int64_t now_ms) const {
    const segment& seg = active();
    if (seg.empty()) return false;
    const int64_t max_size = std::min(config_.segment_bytes, max_relative);
    if (seg.size() + bytes > max_size) return true;
    // Kafka's timeWaitedForRoll: measured in message time from the first batch when batches carry
    // timestamps, else in wall time since the segment was created (or loaded).
    const auto first_ts = seg.first_batch_timestamp();
    const int64_t waited = first_ts && *first_ts >= 0 ? max_timestamp - *first_ts : now_ms - seg.created_ms();
    if (waited > config_.segment_ms) return true;
    return last_offset - seg.base_offset() > max_relative;
}

result<void> partition_log::roll(int64_t base_offset, int64_t now_ms) {
    if (auto r = active().seal(flusher_); !r) return r;
    auto seg = segment::create(dir_, base_offset, now_ms);
    if (!seg) return seg.err();
    segments_.emplace(base_offset, std::move(*seg));
    // The sealed segment is fsynced (or queued); make the new file's directory entry durable alongside it.
    auto d = file_handle::open_directory(dir_);
    if (!d) return d.err();
    if (!flusher_) return d->sync();
    std::vector<file_handle> dir;
    dir.push_back(std::move(d.value()));
    flusher_->sync_later(std::move(dir));
    return {};
}

result<void> partition_log::remove_segment(std::map<int64_t, segment>::iterator it) {
    ++generation_;
    auto r = it->second.remove();
    segments_.erase(it);
    return r;
}

result<fetch_slice> partition_log::read(int64_t offset, int32_t max_bytes, int64_t max_offset) const {
    if (offset < log_start_offset_ || offset > log_end_offset_) {
        return make_error(error_code::offset_out_of_range, "offset " + std::to_string(offset) + " is outside [" +
                                                               std::to_string(log_start_offset_) + ", " +
                                                               std::to_string(log_end_offset_) + "]");
    }
    fetch_slice slice;
    if (offset == log_end_offset_ || offset >= max_offset) return slice;

    auto it = segments_.upper_bound(offset);
    if (it != segments_.begin()) --it;
    int64_t remaining = max_bytes;
    bool located = false;
    for (; it != segments_.end(); ++it) {
        const segment& seg = it->second;
        int64_t position = 0;
        if (!located) {
            auto found = seg.find_batch(offset);
            if (!found) return found.err();
            if (!*found) continue;  // offset in a gap after this segment's last batch: the next one has it
            position = (*found)->position;
            located = true;
        }
        const bool at_least_one = slice.first_offset < 0;
        auto ext = seg.read_batches(position, remaining, at_least_one, max_offset, slice.bytes);
        if (!ext) return ext.err();
        if (ext->bytes > 0) {
            if (slice.first_offset < 0) slice.first_offset = ext->first_offset;
            remaining -= ext->bytes;
        }
        if (ext->stopped || remaining <= 0) break;
    }
    return slice;
}

std::optional<batch_header> partition_log::find_batch_by_timestamp(int64_t timestamp) const {
    auto it = segments_.upper_bound(log_start_offset_);
    if (it != segments_.begin()) --it;
    for (; it != segments_.end(); ++it) {
        if (it->second.max_timestamp() < timestamp) continue;
        auto found = it->second.find_batch_by_timestamp(timestamp, log_start_offset_);
        if (!found) return std::nullopt;  // an unreadable segment: the caller answers as if nothing matched
        if (*found) return (*found)->header;
    }
    return std::nullopt;
}

int64_t partition_log::size_bytes() const {
    int64_t total = 0;
    for (const auto& [base, seg] : segments_) total += seg.size();
    return total;
}

std::vector<segment_info> partition_log::segments() const {
    std::vector<segment_info> out;
    out.reserve(segments_.size());
    for (const auto& [base, seg] : segments_) out.push_back(seg.info());
    return out;
}

int64_t partition_log::oldest_timestamp() const {
    if (log_start_offset_ >= log_end_offset_) return -1;
    auto it = segments_.upper_bound(log_start_offset_);
    if (it != segments_.begin()) --it;
    for (; it != segments_.end(); ++it) {
        auto found = it->second.find_batch(log_start_offset_);
        if (!found) return -1;
        if (*found) return (*found)->header.max_timestamp;
    }
    return -1;
}

result<void> partition_log::delete_segments_below_log_start() {
    // A segment is wholly below the start when the next segment begins at or before it; the active
    // segment has no next one and always stays.
    while (segments_.size() > 1 && std::next(segments_.begin())->first <= log_start_offset_) {
        if (auto r = remove_segment(segments_.begin()); !r) return r;
    }
    return {};
}

std::size_t partition_log::apply_retention(int64_t now_ms) {
    const std::size_t before = segments_.size();
    auto done = [&] {
        if (segments_.begin()->first > log_start_offset_) (void)set_log_start_offset(segments_.begin()->first);
        return before - segments_.size();
    };
    if (!delete_segments_below_log_start()) return done();
    if (!config_.delete_) return done();  // cleanup.policy=compact: only the log start offset deletes
    if (config_.retention_ms >= 0) {
        while (segments_.size() > 1) {
            const segment& seg = segments_.begin()->second;
            // Kafka's largestTimestamp: the batches' time when they carry one, the file's mtime otherwise.
            const int64_t largest = seg.max_timestamp() >= 0 ? seg.max_timestamp() : seg.info().last_modified_ms;
            if (now_ms - largest <= config_.retention_ms) break;
            if (!remove_segment(segments_.begin())) return done();
        }
    }
    if (config_.retention_bytes >= 0) {
        int64_t excess = size_bytes() - config_.retention_bytes;
        while (segments_.size() > 1 && excess - segments_.begin()->second.size() >= 0) {
            excess -= segments_.begin()->second.size();
            if (!remove_segment(segments_.begin())) return done();
        }
    }
    return done();
}

// With a flusher the checkpoint is replaced in the background (as Kafka checkpoints log start offsets
// periodically, log.flush.start.offset.checkpoint.interval.ms): the network thread never waits for it. A crash
// before it lands can only bring back records between the first segment's base and the new start (DeleteRecords
// within a segment), never expose deleted data: on open the start is at least the first remaining segment's
// base, and segments are deleted only after the new start is in memory.
result<void> partition_log::set_log_start_offset(int64_t offset) {
    if (auto r = log_start_file_->write_later(std::to_string(offset) + "\n", flusher_); !r) return r;
    log_start_offset_ = offset;
    return {};
}

// A stale cleaner checkpoint after a crash only makes the cleaner look at some records again.
result<void> partition_log::write_cleaner_checkpoint(int64_t offset) {
    return cleaner_file_->write_later(std::to_string(offset) + "\n", flusher_);
}

result<void> partition_log::advance_log_start_offset(int64_t offset) {
    if (offset > log_end_offset_) {
        return make_error(error_code::offset_out_of_range, "cannot move the log start offset to " +
                                                               std::to_string(offset) + " past the log end offset " +
                                                               std::to_string(log_end_offset_));
    }
    if (offset <= log_start_offset_) return {};
    if (auto r = set_log_start_offset(offset); !r) return r;
    return delete_segments_below_log_start();
}

result<void> partition_log::truncate_to(int64_t offset) {
    if (offset >= log_end_offset_) return {};
    if (offset < log_start_offset_ || offset <= segments_.begin()->first) return reset(offset);
    while (std::prev(segments_.end())->first >= offset) {
        if (auto r = remove_segment(std::prev(segments_.end())); !r) return r;
    }
    ++generation_;
    if (auto r = active().truncate_to(offset); !r) return r;
    log_end_offset_ = active().next_offset();
    // Dropping a batch that straddled the log start leaves nothing readable: start afresh there.
    if (log_end_offset_ < log_start_offset_) return reset(log_start_offset_);
    return clamp_first_dirty_offset(active().base_offset());
}

result<void> partition_log::reset(int64_t new_start_offset) {
    ++generation_;
    if (auto r = set_log_start_offset(new_start_offset); !r) return r;
    while (!segments_.empty()) {
        if (auto r = remove_segment(segments_.begin()); !r) return r;
    }
    auto seg = segment::create(dir_, new_start_offset, clock_ms_);
    if (!seg) return seg.err();
    segments_.emplace(new_start_offset, std::move(*seg));
    log_end_offset_ = new_start_offset;
    unflushed_messages_ = 0;
    return clamp_first_dirty_offset(new_start_offset);
}

result<void> partition_log::clamp_first_dirty_offset(int64_t limit) {
    if (first_dirty_offset_ <= limit) return {};
    if (auto r = write_cleaner_checkpoint(limit); !r) return r;
    first_dirty_offset_ = limit;
    return {};
}

result<cleaning_stats> partition_log::compact(int64_t now_ms, int64_t max_offset) {
    return log_cleaner::compact(*this, now_ms, max_offset);
}

bool partition_log::needs_compaction(int64_t now_ms, int64_t max_offset) const {
    return log_cleaner::needs_compaction(*this, now_ms, max_offset);
}

dirty_summary partition_log::cleanable_bytes(int64_t now_ms, int64_t max_offset) const {
    return log_cleaner::measure(*this, now_ms, max_offset);
}

result<void> partition_log::flush() {
    if (auto r = active().flush(); !r) return r;
    unflushed_messages_ = 0;
    return {};
}

result<void> partition_log::flush_by_policy() {
    if (auto r = active().flush(flusher_); !r) return r;
    unflushed_messages_ = 0;
    return {};
}

result<void> partition_log::flush_if_due(int64_t now_ms) {
    if (unflushed_messages_ == 0 || now_ms - last_flush_ms_ < config_.flush_ms) return {};
    if (auto r = flush_by_policy(); !r) return r;
    last_flush_ms_ = now_ms;
    return {};
}

result<void> partition_log::destroy() {
    ++generation_;
    segments_.clear();  // closes every file first
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    if (ec) return fs_error("cannot remove", dir_, ec);
    return {};
}

}  // namespace sluice::storage
