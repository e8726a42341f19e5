#include "engine/storage/producer_snapshot.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <system_error>

#include "engine/protocol/batch_header.h"
#include "engine/storage/file_handle.h"
#include "engine/storage/partition_log.h"

namespace sluice::storage {

namespace {
using protocol::error_code;

constexpr std::string_view snapshot_suffix = ".snapshot";
constexpr int32_t replay_chunk_bytes = 1 << 20;

std::filesystem::path tmp_of(std::filesystem::path p) {
    p += ".tmp";
    return p;
}

result<std::vector<uint8_t>> read_whole(const std::filesystem::path& path) {
    auto f = file_handle::open(path);
    if (!f) return f.err();
    auto size = f->size();
    if (!size) return size.err();
    std::vector<uint8_t> bytes(static_cast<std::size_t>(*size));
    if (auto r = f->read_at(bytes, 0); !r) return r.err();
    return bytes;
}

void remove_quietly(const std::filesystem::path& p) {
    std::error_code ec;
    std::filesystem::remove(p, ec);
}

// A write a crash interrupted before its rename.
void remove_torn_writes(const std::filesystem::path& dir) {
    std::error_code ec;
    std::vector<std::filesystem::path> torn;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().ends_with(".snapshot.tmp")) torn.push_back(it->path());
    for (const auto& p : torn) remove_quietly(p);
}

// Applies every batch of `log` from `from` to its end.
result<void> replay(const partition_log& log, int64_t from, producer_state& state) {
    int64_t next = std::max(from, log.log_start_offset());
    while (next < log.log_end_offset()) {
        auto slice = log.read(next, replay_chunk_bytes);
        if (!slice) return slice.err();
        if (slice->bytes.empty()) break;
        std::span<const uint8_t> rest(slice->bytes);
        while (auto h = protocol::parse_batch_header(rest)) {
            if (h->total_size() > rest.size() || h->batch_length <= 0) break;
            if (h->last_offset() >= next) state.update(*h);
            next = std::max(next, h->last_offset() + 1);
            rest = rest.subspan(h->total_size());
        }
    }
    return {};
}
}  // namespace

std::filesystem::path producer_snapshot_path(const std::filesystem::path& dir, int64_t offset) {
    char name[32];
    std::snprintf(name, sizeof name, "%020lld", static_cast<long long>(offset));
    return dir / (std::string(name) + std::string(snapshot_suffix));
}

std::vector<int64_t> list_producer_snapshots(const std::filesystem::path& dir) {
    std::vector<int64_t> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (name.size() != 20 + snapshot_suffix.size() || !name.ends_with(snapshot_suffix)) continue;
        int64_t offset = 0;
        const auto [p, err] = std::from_chars(name.data(), name.data() + 20, offset);
        if (err == std::errc() && p == name.data() + 20) out.push_back(offset);
    }
    std::sort(out.begin(), out.end());
    return out;
}

result<void> write_producer_snapshot(const std::filesystem::path& dir, int64_t offset, const producer_state& state,
                                     int64_t log_start_offset) {
    const auto path = producer_snapshot_path(dir, offset);
    const auto tmp = tmp_of(path);
    const auto bytes = state.encode();
    {
        auto f = file_handle::open(tmp, true);
        if (!f) return f.err();
        if (auto r = f->write_at(bytes, 0); !r) return r;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return make_error(error_code::kafka_storage_error, "cannot write " + path.string() + ": " + ec.message());
    const auto offsets = list_producer_snapshots(dir);
    // The newest snapshot at or below the log start is where a rebuild of the whole log starts; older go.
    auto keep_from = std::upper_bound(offsets.begin(), offsets.end(), log_start_offset);
    if (keep_from != offsets.begin()) --keep_from;
    for (auto it = offsets.begin(); it != keep_from; ++it) remove_quietly(producer_snapshot_path(dir, *it));
    return {};
}

void remove_producer_snapshots(const std::filesystem::path& dir) {
    for (int64_t offset : list_producer_snapshots(dir)) remove_quietly(producer_snapshot_path(dir, offset));
}

result<producer_state> rebuild_producer_state(const partition_log& log) {
    const auto& dir = log.dir();
    auto offsets = list_producer_snapshots(dir);
    producer_state state;
    int64_t from = log.log_start_offset();
    for (auto it = offsets.rbegin(); it != offsets.rend(); ++it) {
        const auto path = producer_snapshot_path(dir, *it);
        if (*it > log.log_end_offset()) {
            remove_quietly(path);  // describes batches this log no longer has
            continue;
        }
        auto bytes = read_whole(path);
        auto loaded = bytes ? producer_state::decode(*bytes) : result<producer_state>(bytes.err());
        if (!loaded) {
            remove_quietly(path);
            continue;
        }
        state = std::move(loaded.value());
        from = *it;
        break;
    }
    remove_torn_writes(dir);
    if (auto r = replay(log, from, state); !r) return r.err();
    return state;
}

}  // namespace sluice::storage
