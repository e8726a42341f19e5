#include "engine/storage/segment_swap.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "engine/protocol/batch_header.h"
#include "engine/storage/file_handle.h"
#include "engine/storage/segment_files.h"

namespace sluice::storage {

namespace {

error fs_error(const char* what, const std::filesystem::path& path, const std::error_code& ec) {
    return make_error(protocol::error_code::kafka_storage_error,
                      std::string(what) + " " + path.string() + ": " + ec.message());
}

std::filesystem::path with_suffix(const std::filesystem::path& dir, int64_t base, std::string_view kind,
                                  std::string_view temp) {
    auto p = segment_file(dir, base, kind);
    p += temp;
    return p;
}

result<void> rename_file(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    std::filesystem::rename(from, to, ec);
    if (ec) return fs_error("cannot rename", from, ec);
    return {};
}

result<void> sync_dir(const std::filesystem::path& dir) {
    auto d = file_handle::open_directory(dir);
    if (!d) return d.err();
    return d->sync();
}

// The last offset of the last plausible batch of a swap file; `base` - 1 when it holds none.
result<int64_t> last_offset_in(const std::filesystem::path& file, int64_t base) {
    auto f = file_handle::open(file);
    if (!f) return f.err();
    auto size = f->size();
    if (!size) return size.err();
    int64_t last = base - 1;
    int64_t pos = 0;
    std::array<uint8_t, protocol::batch_header_size> buf{};
    while (pos + static_cast<int64_t>(buf.size()) <= *size) {
        if (auto r = f->read_at(buf, pos); !r) return r.err();
        const auto h = *protocol::parse_batch_header(buf);
        const auto total = static_cast<int64_t>(h.total_size());
        if (h.magic != 2 || h.batch_length < 0 || h.last_offset_delta < 0 || pos + total > *size) break;
        last = std::max(last, h.last_offset());
        pos += total;
    }
    return last;
}

}  // namespace

result<void> commit_cleaned(const std::filesystem::path& dir, int64_t base_offset) {
    for (auto kind : {index_suffix, time_index_suffix, log_suffix}) {
        if (auto r = rename_file(with_suffix(dir, base_offset, kind, cleaned_suffix),
                                 with_suffix(dir, base_offset, kind, swap_suffix));
            !r)
            return r;
    }
    return sync_dir(dir);
}

result<void> finish_swap(const std::filesystem::path& dir, int64_t base_offset) {
    for (auto kind : {log_suffix, index_suffix, time_index_suffix}) {
        if (auto r =
                rename_file(with_suffix(dir, base_offset, kind, swap_suffix), segment_file(dir, base_offset, kind));
            !r)
            return r;
    }
    return sync_dir(dir);
}

result<void> recover_swaps(const std::filesystem::path& dir) {
    std::vector<int64_t> swaps;
    std::vector<std::pair<int64_t, std::filesystem::path>> segment_files;  // base offset, file
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto& path = it->path();
        const auto name = path.filename().string();
        const std::string swap_log = std::string(log_suffix) + std::string(swap_suffix);
        if (auto base = parse_segment_base(path, swap_log)) {
            swaps.push_back(*base);
            continue;
        }
        for (auto kind : {log_suffix, index_suffix, time_index_suffix}) {
            if (auto base = parse_segment_base(path, kind)) segment_files.emplace_back(*base, path);
        }
    }
    if (ec) return fs_error("cannot list", dir, ec);
    if (swaps.empty()) return {};

    for (const int64_t base : swaps) {
        const auto swap = with_suffix(dir, base, log_suffix, swap_suffix);
        auto last = last_offset_in(swap, base);
        if (!last) return last.err();
        const int64_t upto = std::max(*last, base);
        // A real swap never replaces the active segment, so some segment starts after it. Without one, the
        // file is no swap of ours (or the log around it is gone): drop it rather than move the log's end.
        const bool followed = std::any_of(segment_files.begin(), segment_files.end(), [&](const auto& f) {
            return f.first > upto && f.second.filename().string().ends_with(log_suffix);
        });
        if (!followed) {
            std::filesystem::remove(swap, ec);
            if (ec) return fs_error("cannot remove", swap, ec);
            continue;
        }
        for (const auto& [seg_base, file] : segment_files) {
            if (seg_base < base || seg_base > upto) continue;
            std::filesystem::remove(file, ec);
            if (ec) return fs_error("cannot remove replaced segment file", file, ec);
        }
        if (auto r = rename_file(swap, segment_file(dir, base, log_suffix)); !r) return r;
    }
    return sync_dir(dir);
}

}  // namespace sluice::storage
