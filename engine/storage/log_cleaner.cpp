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

bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(std::memory_order_relaxed); }

error cancelled_error() { return make_error(protocol::error_code::kafka_storage_error, "compaction cancelled"); }

// Calls f(batch, position) for each batch of the first `src.size` bytes of `src`, reading a chunk at a time;
// f returns false to stop.
template <class F>
result<void> for_each_batch(const cleaning_source& src, const std::atomic<bool>* cancel, F&& f) {
    std::vector<uint8_t> buf;
    int64_t pos = 0;
    while (pos + static_cast<int64_t>(protocol::batch_header_size) <= src.size) {
        if (cancelled(cancel)) return cancelled_error();
        int64_t want = std::min(read_chunk_bytes, src.size - pos);
        buf.resize(static_cast<std::size_t>(want));
        if (auto r = src.file.read_at(buf, pos); !r) return r.err();
        // Whole batches only; a first batch larger than the chunk is read whole.
        int64_t p = 0;
        while (p + static_cast<int64_t>(protocol::batch_header_size) <= want) {
            const auto h = *protocol::parse_batch_header(std::span<const uint8_t>(buf).subspan(static_cast<std::size_t>(p)));
            const auto total = static_cast<int64_t>(h.total_size());
            if (h.magic != 2 || h.last_offset_delta < 0 ||
                h.batch_length < static_cast<int32_t>(protocol::batch_header_size - protocol::batch_length_field_end) ||
                pos + p + total > src.size)
                return make_error(protocol::error_code::corrupt_message,
                                  "invalid batch header in " + src.file.path().string() + " at position " +
                                      std::to_string(pos + p));
            if (p + total > want) {
                if (p != 0) break;
                buf.resize(static_cast<std::size_t>(total));
                if (auto r = src.file.read_at(std::span(buf).subspan(static_cast<std::size_t>(want)), pos + want); !r)
                    return r.err();
                want = total;
            }
            p += total;
        }
        auto views = protocol::split_batches(std::span<const uint8_t>(buf).first(static_cast<std::size_t>(p)), false);
        if (!views) return views.err();
        int64_t at = pos;
        for (const auto& v : *views) {
            auto go = f(v, at);
            if (!go) return go.err();
            if (!*go) return {};
            at += static_cast<int64_t>(v.bytes.size());
        }
        pos += p;
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
    auto job = plan(log, now_ms, max_offset);
    if (!job) return job.err();
    if (job->empty()) return job->stats;
    if (auto built = build(*job); !built) {
        abandon(log, *job);
        return built.err();
    }
    return commit(log, *job);
}

result<cleaning_job> log_cleaner::plan(partition_log& log, int64_t now_ms, int64_t max_offset) {
    cleaning_job job;
    job.stats.first_dirty_offset = log.first_dirty_offset_;
    if (!log.config_.compact) return job;
    if (log.cleaning_in_flight_)
        return make_error(protocol::error_code::kafka_storage_error,
                          "a compaction of " + log.dir_.string() + " is already in flight");
    log.clock_ms_ = std::max(log.clock_ms_, now_ms);
    const auto bases = cleanable_bases(log, now_ms, max_offset);
    if (bases.empty()) return job;

    job.dir = log.dir_;
    job.config = log.config_;
    job.now_ms = now_ms;
    // Records past the log end at plan time are never read: appends during the build don't matter.
    job.max_offset = std::min(max_offset, log.log_end_offset_);
    job.log_id = log.id_;
    job.generation = log.generation_;
    job.first_dirty_offset = log.first_dirty_offset_;
    job.cleanable_end = log.segments_.upper_bound(bases.back())->first;
    for (auto it = log.segments_.begin(); it != log.segments_.end(); ++it) {
        const auto& [base, seg] = *it;
        if (base >= job.max_offset && !job.sources.empty()) break;
        auto file = file_handle::open_read_only(segment_file(log.dir_, base, log_suffix));
        if (!file) return file.err();
        cleaning_source src;
        src.base = base;
        src.end = std::next(it) == log.segments_.end() ? log.log_end_offset_ : std::next(it)->first;
        src.size = seg.size();
        src.last_modified_ms = seg.info().last_modified_ms;
        src.file = std::move(*file);
        job.sources.push_back(std::move(src));
    }
    job.cleanable = bases.size();  // cleanable segments come first, from the first segment on
    std::size_t next = 0;
    for (const auto& g : group(log, bases)) {
        job.groups.emplace_back();
        for (std::size_t i = 0; i < g.size(); ++i) job.groups.back().push_back(next++);
    }
    log.cleaning_in_flight_ = true;
    return job;
}

result<void> log_cleaner::build(cleaning_job& job, const std::atomic<bool>* cancel) {
    if (job.empty() || job.built) return {};
    offset_map map;
    for (const auto& src : job.sources) {
        bool more = true;
        auto r = for_each_batch(src, cancel, [&](const protocol::batch_view& b, int64_t) -> result<bool> {
            if (b.header.base_offset >= job.max_offset) return more = false;
            if (auto added = map.add(b, job.max_offset); !added) return added.err();
            return true;
        });
        if (!r) return r.err();
        if (!more) break;
    }
    job.stats.keys = static_cast<int64_t>(map.size());
    for (const auto& g : job.groups) {
        if (auto r = clean_group(job, g, map, cancel); !r) {
            discard(job);
            return r;
        }
    }
    job.built = true;
    return {};
}

result<void> log_cleaner::clean_group(cleaning_job& job, const std::vector<std::size_t>& group, const offset_map& map,
                                      const std::atomic<bool>* cancel) {
    const log_config& cfg = job.config;
    const int64_t now_ms = job.now_ms;
    cleaning_stats& stats = job.stats;
    cleaning_job::group_result done;
    done.base = job.sources[group.front()].base;
    done.end = job.sources[group.back()].end;
    for (const std::size_t i : group) done.bases.push_back(job.sources[i].base);
    const int64_t base = done.base;
    cleaned_writer writer(job.dir, base, cfg.index_interval_bytes, now_ms);
    if (group.size() > 1) {
        if (auto r = writer.start(); !r) return r;
    }
    int64_t bytes_before = 0;
    int64_t newest_cleaned_at = std::numeric_limits<int64_t>::min();
    int64_t records_removed = 0, tombstones_removed = 0, batches_removed = 0;
    bool kept_tombstone = false;

    for (const std::size_t i : group) {
        const cleaning_source& src = job.sources[i];
        bytes_before += src.size;
        // When this segment was first cleaned: now, unless an earlier pass did (then its mtime says when).
        const int64_t cleaned_at = src.base < job.first_dirty_offset ? src.last_modified_ms : now_ms;
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
        auto r = for_each_batch(src, cancel, [&](const protocol::batch_view& b, int64_t position) -> result<bool> {
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
                auto copied =
                    for_each_batch(src, cancel, [&](const protocol::batch_view& p, int64_t at) -> result<bool> {
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
    if (kept_tombstone)
        job.tombstone_expiry = std::min(job.tombstone_expiry, newest_cleaned_at + cfg.delete_retention_ms);

    stats.segments_before += static_cast<int64_t>(group.size());
    stats.bytes_before += bytes_before;
    if (!writer.started()) {
        // Nothing to drop in a lone segment: leave its bytes alone (the commit records when it was first cleaned).
        done.what = cleaning_job::outcome::untouched;
        job.results.push_back(std::move(done));
        stats.segments_after += 1;
        stats.bytes_after += bytes_before;
        return {};
    }
    if (writer.too_big()) {
        // Re-encoding grew the group past what an index can address (only near 2 GiB): leave it as it was.
        writer.abandon();
        done.what = cleaning_job::outcome::kept;
        job.results.push_back(std::move(done));
        stats.segments_after += static_cast<int64_t>(group.size());
        stats.bytes_after += bytes_before;
        return {};
    }
    const int64_t bytes_after = writer.size();
    if (auto r = writer.finish(newest_cleaned_at); !r) {
        writer.abandon();
        return r;
    }
    done.what = cleaning_job::outcome::cleaned;
    job.results.push_back(std::move(done));
    stats.segments_after += 1;
    stats.segments_rewritten += static_cast<int64_t>(group.size());
    stats.bytes_after += bytes_after;
    stats.records_removed += records_removed;
    stats.tombstones_removed += tombstones_removed;
    stats.batches_removed += batches_removed;
    return {};
}

void log_cleaner::discard(cleaning_job& job) {
    for (auto& g : job.results) {
        if (g.what != cleaning_job::outcome::cleaned) continue;
        for (auto kind : {log_suffix, index_suffix, time_index_suffix}) {
            auto p = segment_file(job.dir, g.base, kind);
            p += cleaned_suffix;
            std::error_code ec;
            std::filesystem::remove(p, ec);
        }
        g.what = cleaning_job::outcome::kept;
    }
}

void log_cleaner::abandon(partition_log& log, cleaning_job& job) {
    discard(job);
    if (!job.empty() && job.log_id == log.id_) log.cleaning_in_flight_ = false;
}

result<cleaning_stats> log_cleaner::commit(partition_log& log, cleaning_job& job) {
    if (job.empty()) return job.stats;
    if (job.log_id != log.id_ || !job.built) {
        // Not this log's job (or never built): nothing of it may touch this log.
        discard(job);
        job.stats.discarded = true;
        return job.stats;
    }
    log.cleaning_in_flight_ = false;
    if (job.generation != log.generation_) {
        // Segments were removed or truncated since the plan (retention, DeleteRecords, truncation, another
        // pass): the cleaned files may describe segments that are gone. Keep the log as it is.
        discard(job);
        cleaning_stats stats;
        stats.first_dirty_offset = log.first_dirty_offset_;
        stats.discarded = true;
        return stats;
    }
    for (std::size_t i = 0; i < job.results.size(); ++i) {
        auto& g = job.results[i];
        if (g.what == cleaning_job::outcome::untouched) {
            if (g.base >= log.first_dirty_offset_) {
                if (auto r = log.segments_.at(g.base).set_last_modified(job.now_ms); !r) {
                    discard(job);
                    return r.err();
                }
            }
            continue;
        }
        if (g.what != cleaning_job::outcome::cleaned) continue;
        // The swap: commit, drop the replaced segments, give the new one its final name, then load it.
        g.what = cleaning_job::outcome::kept;  // from here on its files are no longer .cleaned ones
        auto swapped = [&]() -> result<void> {
            if (auto r = commit_cleaned(log.dir_, g.base); !r) return r;
            for (const int64_t b : g.bases) {
                if (auto r = log.remove_segment(log.segments_.find(b)); !r) return r;
            }
            if (auto r = finish_swap(log.dir_, g.base); !r) return r;
            auto seg = segment::open(log.dir_, g.base, job.now_ms);
            if (!seg) return seg.err();
            if (auto r = seg->load_indexes(g.end, job.config.index_interval_bytes); !r) return r;
            log.segments_.emplace(g.base, std::move(*seg));
            return {};
        }();
        if (!swapped) {
            discard(job);
            return swapped.err();
        }
    }
    log.tombstone_expiry_ms_ = job.tombstone_expiry;
    if (job.cleanable_end != log.first_dirty_offset_) {
        if (auto r = log.write_cleaner_checkpoint(job.cleanable_end); !r) return r.err();
        log.first_dirty_offset_ = job.cleanable_end;
    }
    job.stats.first_dirty_offset = log.first_dirty_offset_;
    return job.stats;
}

}  // namespace sluice::storage
