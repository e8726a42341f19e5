#include "engine/storage/log_cleaner.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>

#include "engine/protocol/record_batch.h"
#include "engine/storage/batch_filter.h"
#include "engine/storage/offset_checkpoint.h"
#include "engine/storage/offset_map.h"
#include "engine/storage/partition_log.h"
#include "engine/storage/segment_files.h"
#include "engine/storage/segment_swap.h"

namespace sluice::storage {

namespace {

constexpr int64_t max_relative = std::numeric_limits<int32_t>::max();
constexpr int64_t read_chunk_bytes = int64_t{1} << 20;
constexpr int64_t no_expiry = std::numeric_limits<int64_t>::max();

// Calls f(batch, position) for each batch of `seg` in order, reading a chunk at a time; f returns false to stop.
template <class F>
result<void> for_each_batch(const segment& seg, F&& f) {
    std::vector<uint8_t> buf;
    int64_t pos = 0;
    while (pos < seg.size()) {
        buf.clear();
        auto ext = seg.read_batches(pos, read_chunk_bytes, true, std::numeric_limits<int64_t>::max(), buf);
        if (!ext) return ext.err();
        if (ext->bytes == 0) break;
        auto views = protocol::split_batches(buf, false);
        if (!views) return views.err();
        int64_t at = pos;
        for (const auto& v : *views) {
            auto go = f(v, at);
            if (!go) return go.err();
            if (!*go) return {};
            at += static_cast<int64_t>(v.bytes.size());
        }
        pos += ext->bytes;
    }
    return {};
}

// Kafka's largestTimestamp: the batches' time when they carry one, the file's mtime otherwise.
int64_t largest_timestamp(const segment& seg) {
    return seg.max_timestamp() >= 0 ? seg.max_timestamp() : seg.info().last_modified_ms;
}

// The cleaned segment of a group, created on first need, fed whole batches, written a chunk at a time.
class cleaned_writer {
public:
    cleaned_writer(const std::filesystem::path& dir, int64_t base, int32_t index_interval, int64_t now_ms)
        : dir_(dir), base_(base), index_interval_(index_interval), now_ms_(now_ms) {}

    bool started() const { return seg_.has_value(); }
    result<void> start() {
        auto s = segment::create(dir_, base_, now_ms_, cleaned_suffix);
        if (!s) return s.err();
        seg_.emplace(std::move(*s));
        return {};
    }
    result<void> add(std::span<const uint8_t> batch, const protocol::batch_header& h) {
        locations_.push_back(batch_location{h, static_cast<int64_t>(buf_.size())});
        buf_.insert(buf_.end(), batch.begin(), batch.end());
        written_ += static_cast<int64_t>(batch.size());
        if (static_cast<int64_t>(buf_.size()) >= read_chunk_bytes) return flush();
        return {};
    }
    // Positions in the .index are int32: a rewritten group must stay below that.
    bool too_big() const { return written_ > max_relative; }
    int64_t size() const { return written_; }
    result<void> finish(int64_t modified_ms) {
        if (auto r = flush(); !r) return r;
        if (auto r = seg_->set_last_modified(modified_ms); !r) return r;
        if (auto r = seg_->seal(); !r) return r;
        seg_.reset();  // closes the files before they are renamed
        return {};
    }
    void abandon() {
        if (seg_) (void)seg_->remove();
        seg_.reset();
    }

private:
    result<void> flush() {
        if (buf_.empty()) return {};
        auto r = seg_->append(buf_, locations_, index_interval_);
        buf_.clear();
        locations_.clear();
        return r;
    }

    std::filesystem::path dir_;
    int64_t base_;
    int32_t index_interval_;
    int64_t now_ms_;
    std::optional<segment> seg_;
    std::vector<uint8_t> buf_;
    std::vector<batch_location> locations_;
    int64_t written_ = 0;
};

}  // namespace

std::vector<int64_t> log_cleaner::cleanable_bases(const partition_log& log, int64_t now_ms, int64_t max_offset) {
    std::vector<int64_t> out;
    const auto& segs = log.segments_;
    for (auto it = segs.begin(); it != segs.end() && std::next(it) != segs.end(); ++it) {
        if (std::next(it)->first > max_offset) break;
        if (log.config_.min_compaction_lag_ms > 0 &&
            now_ms - largest_timestamp(it->second) < log.config_.min_compaction_lag_ms)
            break;
        out.push_back(it->first);
    }
    return out;
}

dirty_summary log_cleaner::measure(const partition_log& log, int64_t now_ms, int64_t max_offset) {
    dirty_summary d;
    for (const int64_t base : cleanable_bases(log, now_ms, max_offset)) {
        const int64_t size = log.segments_.at(base).size();
        (base < log.first_dirty_offset_ ? d.clean_bytes : d.dirty_bytes) += size;
    }
    return d;
}

bool log_cleaner::needs_compaction(const partition_log& log, int64_t now_ms, int64_t max_offset) {
    if (!log.config_.compact) return false;
    if (now_ms > log.tombstone_expiry_ms_) return true;
    const auto d = measure(log, now_ms, max_offset);
    return d.dirty_bytes > 0 && d.ratio() >= log.config_.min_cleanable_dirty_ratio;
}

std::vector<std::vector<int64_t>> log_cleaner::group(const partition_log& log, const std::vector<int64_t>& bases) {
    std::vector<std::vector<int64_t>> groups;
    int64_t group_bytes = 0;
    for (const int64_t base : bases) {
        const auto it = log.segments_.find(base);
        const int64_t end = std::next(it)->first;  // cleanable segments are never the last one
        const int64_t size = it->second.size();
        if (groups.empty() || group_bytes + size > log.config_.segment_bytes ||
            end - 1 - groups.back().front() > max_relative) {
            groups.emplace_back();
            group_bytes = 0;
        }
        groups.back().push_back(base);
        group_bytes += size;
    }
    return groups;
}

result<cleaning_stats> log_cleaner::compact(partition_log& log, int64_t now_ms, int64_t max_offset) {
    cleaning_stats stats;
    stats.first_dirty_offset = log.first_dirty_offset_;
    if (!log.config_.compact) return stats;
    log.clock_ms_ = std::max(log.clock_ms_, now_ms);
    const auto bases = cleanable_bases(log, now_ms, max_offset);
    if (bases.empty()) return stats;
    const int64_t cleanable_end = log.segments_.upper_bound(bases.back())->first;

    offset_map map;
    for (const auto& [base, seg] : log.segments_) {
        bool more = true;
        auto r = for_each_batch(seg, [&](const protocol::batch_view& b, int64_t) -> result<bool> {
            if (b.header.base_offset >= max_offset) return more = false;
            if (auto added = map.add(b, max_offset); !added) return added.err();
            return true;
        });
        if (!r) return r.err();
        if (!more) break;
    }
    stats.keys = static_cast<int64_t>(map.size());

    int64_t tombstone_expiry = no_expiry;
    for (const auto& g : group(log, bases)) {
        if (auto r = clean_group(log, g, map, now_ms, stats, tombstone_expiry); !r) return r.err();
    }
    log.tombstone_expiry_ms_ = tombstone_expiry;
    if (cleanable_end != log.first_dirty_offset_) {
        if (auto r = write_offset_checkpoint(log.dir_ / cleaner_checkpoint_name, cleanable_end); !r) return r.err();
        log.first_dirty_offset_ = cleanable_end;
    }
    stats.first_dirty_offset = log.first_dirty_offset_;
    return stats;
}

result<void> log_cleaner::clean_group(partition_log& log, const std::vector<int64_t>& bases, const offset_map& map,
                                      int64_t now_ms, cleaning_stats& stats, int64_t& tombstone_expiry) {
    const log_config& cfg = log.config_;
    const int64_t base = bases.front();
    const int64_t end = log.segments_.upper_bound(bases.back())->first;
    cleaned_writer writer(log.dir_, base, cfg.index_interval_bytes, now_ms);
    if (bases.size() > 1) {
        if (auto r = writer.start(); !r) return r;
    }
    int64_t bytes_before = 0;
    int64_t newest_cleaned_at = std::numeric_limits<int64_t>::min();
    int64_t records_removed = 0, tombstones_removed = 0, batches_removed = 0;
    bool kept_tombstone = false;

    for (const int64_t src_base : bases) {
        const segment& src = log.segments_.at(src_base);
        bytes_before += src.size();
        // When this segment was first cleaned: now, unless an earlier pass did (then its mtime says when).
        const int64_t cleaned_at = src_base < log.first_dirty_offset_ ? src.info().last_modified_ms : now_ms;
        newest_cleaned_at = std::max(newest_cleaned_at, cleaned_at);
        const bool drop_tombstones = now_ms - cleaned_at > cfg.delete_retention_ms;

        auto keep = [&](const protocol::record& r) {
            if (!r.key) return false;  // a compacted topic has no use for them (Kafka refuses them at produce)
            const auto latest = map.latest(*r.key);
            if (latest && *latest > r.offset) return false;
            if (!r.value) {
                if (drop_tombstones) {
                    ++tombstones_removed;
                    return false;
                }
                kept_tombstone = true;
            }
            return true;
        };
        auto r = for_each_batch(src, [&](const protocol::batch_view& b, int64_t position) -> result<bool> {
            const bool retain_if_empty =
                b.header.producer_id >= 0 && map.is_last_batch_of_producer(b.header.producer_id, b.header.base_offset);
            auto f = filter_batch(b, keep, retain_if_empty);
            if (!f) return f.err();
            records_removed += f->records_removed;
            if (f->what == filtered_batch::outcome::unchanged) {
                if (writer.started()) {
                    if (auto a = writer.add(b.bytes, b.header); !a) return a.err();
                }
                return true;
            }
            if (!writer.started()) {
                // First change in a lone segment: the batches before this one go over unchanged.
                if (auto s = writer.start(); !s) return s.err();
                auto copied = for_each_batch(src, [&](const protocol::batch_view& p, int64_t at) -> result<bool> {
                    if (at >= position) return false;
                    if (auto a = writer.add(p.bytes, p.header); !a) return a.err();
                    return true;
                });
                if (!copied) return copied.err();
            }
            if (f->what == filtered_batch::outcome::dropped) {
                ++batches_removed;
                return true;
            }
            const auto h = *protocol::parse_batch_header(f->bytes);
            if (auto a = writer.add(f->bytes, h); !a) return a.err();
            return true;
        });
        if (!r) {
            writer.abandon();
            return r;
        }
    }
    // The segment that comes out carries the newest first-cleaning time: its tombstones expire from there.
    if (kept_tombstone) tombstone_expiry = std::min(tombstone_expiry, newest_cleaned_at + cfg.delete_retention_ms);

    stats.segments_before += static_cast<int64_t>(bases.size());
    stats.bytes_before += bytes_before;
    if (!writer.started()) {
        // Nothing to drop in a lone segment: leave its bytes alone, only remember when it was first cleaned.
        segment& only = log.segments_.at(base);
        if (base >= log.first_dirty_offset_) {
            if (auto r = only.set_last_modified(now_ms); !r) return r;
        }
        stats.segments_after += 1;
        stats.bytes_after += bytes_before;
        return {};
    }
    if (writer.too_big()) {
        // Re-encoding grew the group past what an index can address (only near 2 GiB): leave it as it was.
        writer.abandon();
        stats.segments_after += static_cast<int64_t>(bases.size());
        stats.bytes_after += bytes_before;
        return {};
    }
    const int64_t bytes_after = writer.size();
    if (auto r = writer.finish(newest_cleaned_at); !r) {
        writer.abandon();
        return r;
    }

    // The swap: commit, drop the replaced segments, give the new one its final name, then load it.
    if (auto r = commit_cleaned(log.dir_, base); !r) return r;
    for (const int64_t b : bases) {
        if (auto r = log.remove_segment(log.segments_.find(b)); !r) return r;
    }
    if (auto r = finish_swap(log.dir_, base); !r) return r;
    auto seg = segment::open(log.dir_, base, now_ms);
    if (!seg) return seg.err();
    if (auto r = seg->load_indexes(end, cfg.index_interval_bytes); !r) return r;
    log.segments_.emplace(base, std::move(*seg));

    stats.segments_after += 1;
    stats.segments_rewritten += static_cast<int64_t>(bases.size());
    stats.bytes_after += bytes_after;
    stats.records_removed += records_removed;
    stats.tombstones_removed += tombstones_removed;
    stats.batches_removed += batches_removed;
    return {};
}

}  // namespace sluice::storage
