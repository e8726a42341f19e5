#include "engine/storage/segment.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <system_error>

#include "engine/protocol/crc32c.h"
#include "engine/storage/segment_files.h"

namespace sluice::storage {

using protocol::batch_header;
using protocol::batch_header_size;

namespace {

constexpr int64_t max_relative = std::numeric_limits<int32_t>::max();

// Cheap checks that keep a scan from walking into garbage: the CRC catches the rest where it matters.
bool plausible(const batch_header& h) {
    return h.magic == 2 &&
           h.batch_length >= static_cast<int32_t>(batch_header_size - protocol::batch_length_field_end) &&
           h.last_offset_delta >= 0;
}

error corrupt(const std::filesystem::path& file, int64_t position, const char* what) {
    return make_error(protocol::error_code::corrupt_message,
                      std::string(what) + " in " + file.string() + " at position " + std::to_string(position));
}

error fs_error(const char* what, const std::filesystem::path& path, const std::error_code& ec) {
    return make_error(protocol::error_code::kafka_storage_error,
                      std::string(what) + " " + path.string() + ": " + ec.message());
}

}  // namespace

std::filesystem::path segment::file(std::string_view suffix) const {
    auto p = segment_file(dir_, base_offset_, suffix);
    p += temp_suffix_;
    return p;
}

result<segment> segment::open_files(const std::filesystem::path& dir, int64_t base_offset, int64_t now_ms, bool fresh,
                                    std::string_view temp_suffix) {
    segment s;
    s.dir_ = dir;
    s.temp_suffix_ = temp_suffix;
    s.base_offset_ = base_offset;
    s.created_ms_ = now_ms;
    const auto log_path = s.file(log_suffix);
    const auto index_path = s.file(index_suffix);
    const auto time_path = s.file(time_index_suffix);
    std::error_code ec;
    if (fresh) {
        std::filesystem::remove(index_path, ec);
        std::filesystem::remove(time_path, ec);
    }
    s.index_files_existed_ = std::filesystem::exists(index_path, ec) && std::filesystem::exists(time_path, ec);
    auto log = file_handle::open(log_path, fresh);
    if (!log) return log.err();
    s.log_ = std::move(*log);
    auto size = s.log_.size();
    if (!size) return size.err();
    s.size_ = *size;
    auto oi = offset_index::open(index_path, base_offset);
    if (!oi) return oi.err();
    s.offset_index_ = std::move(*oi);
    auto ti = time_index::open(time_path, base_offset);
    if (!ti) return ti.err();
    s.time_index_ = std::move(*ti);
    s.reset_running_state();
    return s;
}

result<segment> segment::create(const std::filesystem::path& dir, int64_t base_offset, int64_t now_ms,
                                std::string_view temp_suffix) {
    return open_files(dir, base_offset, now_ms, true, temp_suffix);
}

result<segment> segment::open(const std::filesystem::path& dir, int64_t base_offset, int64_t now_ms) {
    return open_files(dir, base_offset, now_ms, false, {});
}

void segment::reset_running_state() {
    next_offset_ = base_offset_;
    max_timestamp_ = -1;
    offset_of_max_timestamp_ = base_offset_;
    last_time_indexed_ = -1;
    bytes_since_last_index_entry_ = 0;
    first_batch_timestamp_.reset();
}

void segment::account(const batch_header& h, int64_t position, int32_t index_interval_bytes,
                      std::optional<offset_index::entry>& offset_entry, std::optional<time_index::entry>& time_entry) {
    // Same order as Kafka's LogSegment.append: the batch counts towards the maximum first, then earns an
    // index entry if enough bytes passed since the last one, then its bytes count towards the next entry.
    if (h.max_timestamp > max_timestamp_) {
        max_timestamp_ = h.max_timestamp;
        offset_of_max_timestamp_ = h.base_offset;
    }
    if (bytes_since_last_index_entry_ > index_interval_bytes) {
        offset_entry = offset_index::entry{h.base_offset, position};
        if (max_timestamp_ >= 0 && max_timestamp_ > last_time_indexed_) {
            time_entry = time_index::entry{max_timestamp_, offset_of_max_timestamp_};
            last_time_indexed_ = max_timestamp_;
        }
        bytes_since_last_index_entry_ = 0;
    }
    bytes_since_last_index_entry_ += static_cast<int64_t>(h.total_size());
    if (position == 0) first_batch_timestamp_ = h.max_timestamp;
    next_offset_ = h.last_offset() + 1;
}

result<void> segment::rebuild(int32_t index_interval_bytes) {
    reset_running_state();
    auto file_size = log_.size();
    if (!file_size) return file_size.err();
    std::vector<offset_index::entry> offsets;
    std::vector<time_index::entry> times;
    std::vector<uint8_t> buf;
    int64_t pos = 0;
    while (pos + static_cast<int64_t>(batch_header_size) <= *file_size) {
        buf.resize(batch_header_size);
        if (auto r = log_.read_at(buf, pos); !r) return r;
        const auto h = *protocol::parse_batch_header(buf);
        const auto total = static_cast<int64_t>(h.total_size());
        if (!plausible(h) || h.base_offset < next_offset_ || pos + total > *file_size ||
            h.last_offset() - base_offset_ > max_relative || pos > max_relative)
            break;
        buf.resize(static_cast<std::size_t>(total));
        if (auto r =
                log_.read_at(std::span(buf).subspan(batch_header_size), pos + static_cast<int64_t>(batch_header_size));
            !r)
            return r;
        if (protocol::crc32c(std::span<const uint8_t>(buf).subspan(protocol::batch_crc_covered_from)) != h.crc) break;
        std::optional<offset_index::entry> oe;
        std::optional<time_index::entry> te;
        account(h, pos, index_interval_bytes, oe, te);
        if (oe) offsets.push_back(*oe);
        if (te) times.push_back(*te);
        pos += total;
    }
    if (pos < *file_size) {
        // A torn write or garbage after the last good batch: Kafka truncates rather than refusing to start.
        if (auto r = log_.truncate(pos); !r) return r;
    }
    size_ = pos;
    if (auto r = offset_index_.replace(std::move(offsets)); !r) return r;
    return time_index_.replace(std::move(times));
}

result<void> segment::recover(int32_t index_interval_bytes) { return rebuild(index_interval_bytes); }

result<void> segment::load_indexes(int64_t end_offset, int32_t index_interval_bytes) {
    // A missing index file opens empty and would look consistent: rebuild it instead (as Kafka does).
    bool trusted = (index_files_existed_ || size_ == 0) && offset_index_.is_consistent(size_, end_offset) &&
                   time_index_.is_consistent(end_offset);
    if (trusted && !offset_index_.entries().empty()) {
        // The last entry must point at a batch header with that base offset, or the index is stale.
        const auto& last = offset_index_.entries().back();
        auto h = read_header(last.position);
        trusted = h.ok() && h->base_offset == last.offset;
    }
    if (!trusted) {
        if (auto r = rebuild(index_interval_bytes); !r) return r;
        // As when it was sealed: the last time index entry must carry the largest timestamp, or the next
        // open (which trusts this index) would underestimate it.
        return seal();
    }
    reset_running_state();
    next_offset_ = -1;  // unknown without a scan, and only the last segment needs it
    if (auto last = time_index_.last_entry()) {
        max_timestamp_ = last->timestamp;
        offset_of_max_timestamp_ = last->offset;
        last_time_indexed_ = last->timestamp;
    }
    return {};
}

result<void> segment::append(std::span<const uint8_t> bytes, std::span<const batch_location> batches,
                             int32_t index_interval_bytes) {
    if (auto r = log_.write_at(bytes, size_); !r) return r;
    for (const auto& b : batches) {
        std::optional<offset_index::entry> oe;
        std::optional<time_index::entry> te;
        account(b.header, size_ + b.position, index_interval_bytes, oe, te);
        if (oe) {
            if (auto r = offset_index_.append(oe->offset, oe->position); !r) return r;
        }
        if (te) {
            if (auto r = time_index_.maybe_append(te->timestamp, te->offset); !r) return r;
        }
    }
    size_ += static_cast<int64_t>(bytes.size());
    return {};
}

result<batch_header> segment::read_header(int64_t position) const {
    if (position < 0 || position + static_cast<int64_t>(batch_header_size) > size_)
        return corrupt(log_.path(), position, "truncated batch header");
    std::array<uint8_t, batch_header_size> buf{};
    if (auto r = log_.read_at(buf, position); !r) return r.err();
    const auto h = *protocol::parse_batch_header(buf);
    if (!plausible(h) || position + static_cast<int64_t>(h.total_size()) > size_)
        return corrupt(log_.path(), position, "invalid batch header");
    return h;
}

result<std::optional<batch_location>> segment::find_batch(int64_t offset) const {
    int64_t pos = offset_index_.lookup(offset).position;
    while (pos < size_) {
        auto h = read_header(pos);
        if (!h) return h.err();
        if (h->last_offset() >= offset) return std::optional<batch_location>(batch_location{*h, pos});
        pos += static_cast<int64_t>(h->total_size());
    }
    return std::optional<batch_location>();
}

result<std::optional<batch_location>> segment::find_batch_by_timestamp(int64_t timestamp, int64_t min_offset) const {
    if (max_timestamp_ < timestamp) return std::optional<batch_location>();
    const int64_t from = std::max(time_index_.lookup(timestamp).offset, min_offset);
    int64_t pos = offset_index_.lookup(from).position;
    while (pos < size_) {
        auto h = read_header(pos);
        if (!h) return h.err();
        if (h->last_offset() >= min_offset && h->max_timestamp >= timestamp)
            return std::optional<batch_location>(batch_location{*h, pos});
        pos += static_cast<int64_t>(h->total_size());
    }
    return std::optional<batch_location>();
}

result<read_extent> segment::read_batches(int64_t position, int64_t max_bytes, bool at_least_one, int64_t max_offset,
                                          std::vector<uint8_t>& out) const {
    read_extent ext;
    int64_t limit = size_ - position;
    if (limit <= 0) return ext;
    // Bytes past the first indexed batch at/after max_offset can never be returned: don't read them.
    if (auto bound = offset_index_.first_at_or_after(max_offset)) limit = std::min(limit, bound->position - position);
    limit = std::max<int64_t>(limit, 0);
    int64_t want = std::min(limit, std::max<int64_t>(max_bytes, 0));
    if (at_least_one) want = std::max(want, std::min(limit, static_cast<int64_t>(batch_header_size)));

    const std::size_t old = out.size();
    out.resize(old + static_cast<std::size_t>(want));
    if (want > 0) {
        if (auto r = log_.read_at(std::span(out).subspan(old), position); !r) {
            out.resize(old);
            return r.err();
        }
    }
    int64_t p = 0;
    while (p + static_cast<int64_t>(batch_header_size) <= want) {
        const auto h =
            *protocol::parse_batch_header(std::span<const uint8_t>(out).subspan(old + static_cast<std::size_t>(p)));
        const auto total = static_cast<int64_t>(h.total_size());
        if (!plausible(h) || position + p + total > size_) {
            out.resize(old);
            return corrupt(log_.path(), position + p, "invalid batch header");
        }
        if (h.base_offset >= max_offset) break;
        if (p + total > want) {
            if (p != 0 || !at_least_one) break;
            // KIP-74: the first batch goes out whole even when it alone exceeds max_bytes.
            out.resize(old + static_cast<std::size_t>(total));
            if (auto r = log_.read_at(std::span(out).subspan(old + static_cast<std::size_t>(want)), position + want);
                !r) {
                out.resize(old);
                return r.err();
            }
            want = total;
        }
        if (ext.first_offset < 0) ext.first_offset = h.base_offset;
        ext.next_offset = h.last_offset() + 1;
        p += total;
    }
    out.resize(old + static_cast<std::size_t>(p));
    ext.bytes = p;
    ext.stopped = position + p < size_;
    return ext;
}

result<void> segment::truncate_to(int64_t offset) {
    auto found = find_batch(offset);
    if (!found) return found.err();
    if (*found) {
        const auto& loc = **found;
        if (auto r = log_.truncate(loc.position); !r) return r;
        size_ = loc.position;
        if (auto r = offset_index_.truncate_from(loc.header.base_offset); !r) return r;
        if (auto r = time_index_.truncate_from(loc.header.base_offset); !r) return r;
    }
    // Recompute the running state exactly: the time index's last entry covers every batch up to the last
    // offset-index entry (both are written at the same moments), so only the batches after it need a look.
    const auto saved_first = size_ > 0 ? first_batch_timestamp_ : std::nullopt;
    reset_running_state();
    if (auto last = time_index_.last_entry()) {
        max_timestamp_ = last->timestamp;
        offset_of_max_timestamp_ = last->offset;
        last_time_indexed_ = last->timestamp;
    }
    int64_t pos = 0;
    if (!offset_index_.entries().empty()) pos = offset_index_.entries().back().position;
    bytes_since_last_index_entry_ = size_ - pos;
    while (pos < size_) {
        auto h = read_header(pos);
        if (!h) return h.err();
        if (h->max_timestamp > max_timestamp_) {
            max_timestamp_ = h->max_timestamp;
            offset_of_max_timestamp_ = h->base_offset;
        }
        if (pos == 0) first_batch_timestamp_ = h->max_timestamp;
        next_offset_ = h->last_offset() + 1;
        pos += static_cast<int64_t>(h->total_size());
    }
    if (!first_batch_timestamp_ && size_ > 0) {
        if (saved_first) {
            first_batch_timestamp_ = saved_first;
        } else {
            auto h = read_header(0);
            if (!h) return h.err();
            first_batch_timestamp_ = h->max_timestamp;
        }
    }
    return {};
}

result<void> segment::seal(background_flusher* flusher) {
    // Kafka's onBecomeInactiveSegment: the last entry then carries the segment's largest timestamp, which
    // is all retention needs after a restart without scanning.
    if (auto r = time_index_.maybe_append(max_timestamp_, offset_of_max_timestamp_); !r) return r;
    if (max_timestamp_ > last_time_indexed_) last_time_indexed_ = max_timestamp_;
    return flush(flusher);
}

result<void> segment::flush(background_flusher* flusher) {
    if (!flusher) return flush();
    auto log = log_.duplicate();
    if (!log) return log.err();
    auto offsets = offset_index_.duplicate();
    if (!offsets) return offsets.err();
    auto times = time_index_.duplicate();
    if (!times) return times.err();
    std::vector<file_handle> files;
    files.push_back(std::move(log.value()));
    files.push_back(std::move(offsets.value()));
    files.push_back(std::move(times.value()));
    flusher->sync_later(std::move(files));
    return {};
}

result<void> segment::flush() {
    if (auto r = log_.sync(); !r) return r;
    if (auto r = offset_index_.sync(); !r) return r;
    return time_index_.sync();
}

result<void> segment::remove() {
    log_.close();
    offset_index_.close();
    time_index_.close();
    const std::array<std::string_view, 3> suffixes{log_suffix, index_suffix, time_index_suffix};
    std::array<std::filesystem::path, 3> doomed;
    for (std::size_t i = 0; i < suffixes.size(); ++i) {
        const auto from = file(suffixes[i]);
        doomed[i] = from;
        doomed[i] += deleted_suffix;
        std::error_code ec;
        std::filesystem::rename(from, doomed[i], ec);
        if (ec && ec != std::errc::no_such_file_or_directory) return fs_error("cannot rename", from, ec);
    }
    for (const auto& p : doomed) {
        std::error_code ec;
        std::filesystem::remove(p, ec);
        if (ec) return fs_error("cannot delete", p, ec);
    }
    size_ = 0;
    return {};
}

segment_info segment::info() const {
    auto mtime = log_.modified_ms();
    return segment_info{base_offset_, size_, max_timestamp_, mtime ? *mtime : 0};
}

}  // namespace sluice::storage
