#include "engine/raft/persistent_log.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "engine/protocol/record_batch.h"
#include "engine/raft/atomic_file.h"

namespace sluice::raft {

using protocol::error_code;

namespace {

constexpr int32_t read_chunk_bytes = 1 << 20;
// A control record's key: version 0, type 2 (LeaderChange), as Kafka's ControlRecordType.
const std::vector<uint8_t> leader_change_key{0, 0, 0, 2};

std::optional<offset_and_epoch> parse_snapshot_name(const std::string& name) {
    long long offset = 0, epoch = 0;
    char tail[16] = {};
    if (name.size() != 20 + 1 + 10 + 11) return std::nullopt;
    if (std::sscanf(name.c_str(), "%20lld-%10lld%15s", &offset, &epoch, tail) != 3) return std::nullopt;
    if (std::string(tail) != ".checkpoint") return std::nullopt;
    return offset_and_epoch{log_offset{offset}, epoch_id{static_cast<int32_t>(epoch)}};
}

}  // namespace

storage::log_config persistent_log::raft_log_config() {
    storage::log_config cfg;
    cfg.retention_ms = -1;
    cfg.retention_bytes = -1;
    cfg.segment_bytes = 64 << 20;
    return cfg;
}

std::string persistent_log::snapshot_file_name(offset_and_epoch id) {
    char name[64];
    std::snprintf(name, sizeof name, "%020lld-%010d.checkpoint", static_cast<long long>(id.offset.value()), id.epoch.value());
    return name;
}

result<std::unique_ptr<persistent_log>> persistent_log::open(std::filesystem::path dir, bool fsync_appends,
                                                            storage::log_config cfg) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error(error_code::kafka_storage_error, "cannot create " + dir.string() + ": " + ec.message());
    auto log = storage::partition_log::open(dir / "log", cfg, 0);
    if (!log) return log.err();
    std::unique_ptr<persistent_log> self(new persistent_log(std::move(dir), std::move(*log), fsync_appends));
    if (auto r = self->recover(); !r) return r.err();
    return self;
}

result<void> persistent_log::recover() {
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir_, ec)) {
        auto name = f.path().filename().string();
        if (name.ends_with(".checkpoint.tmp")) {
            std::filesystem::remove(f.path(), ec);  // an unfinished snapshot write
        } else if (auto id = parse_snapshot_name(name); id && (!snapshot_id_ || *id > *snapshot_id_)) {
            snapshot_id_ = id;
        }
    }
    if (snapshot_id_) {
        remove_snapshots_before(*snapshot_id_);
        const auto s = snapshot_id_->offset.value();
        if (log_->log_end_offset() < s || log_->log_start_offset() > s) {
            // An install (or trim) stopped after writing the snapshot: the old entries do not lead up to it.
            if (auto r = log_->reset(s); !r) return r;
        } else if (log_->log_start_offset() < s) {
            if (auto r = log_->advance_log_start_offset(s); !r) return r;
        }
    }
    // Rebuild the epoch index from the batch headers (the metadata log is small; Kafka keeps a checkpoint).
    epochs_.clear();
    for (int64_t at = log_->log_start_offset(); at < log_->log_end_offset();) {
        auto slice = log_->read(at, read_chunk_bytes);
        if (!slice) return slice.err();
        auto batches = protocol::split_batches(slice->bytes, false);
        if (!batches) return batches.err();
        if (batches->empty()) break;
        for (const auto& b : *batches) {
            epoch_id e{b.header.partition_leader_epoch};
            log_offset first{std::max(b.header.base_offset, log_->log_start_offset())};
            if (epochs_.empty() || epochs_.back().first != e) epochs_.emplace_back(e, first);
            at = b.header.last_offset() + 1;
        }
    }
    // A snapshot taken at S with S - 1 in a different epoch than the log says means the log is not ours.
    if (snapshot_id_ && !epochs_.empty() && epochs_.front().first < snapshot_id_->epoch) {
        if (auto r = log_->reset(snapshot_id_->offset.value()); !r) return r;
        epochs_.clear();
    }
    return {};
}

epoch_id persistent_log::last_epoch() const {
    if (!epochs_.empty()) return epochs_.back().first;
    return snapshot_id_ ? snapshot_id_->epoch : epoch_id{0};
}

std::optional<epoch_id> persistent_log::epoch_at(log_offset offset) const {
    if (offset >= start_offset() && offset < end_offset()) {
        auto it = std::upper_bound(epochs_.begin(), epochs_.end(), offset,
                                   [](log_offset o, const auto& e) { return o < e.second; });
        if (it != epochs_.begin()) return std::prev(it)->first;
    }
    if (snapshot_id_ && offset == snapshot_id_->offset - 1) return snapshot_id_->epoch;
    return std::nullopt;
}

std::optional<offset_and_epoch> persistent_log::end_offset_for_epoch(epoch_id epoch) const {
    for (std::size_t i = epochs_.size(); i-- > 0;) {
        if (epochs_[i].first <= epoch) {
            log_offset end = i + 1 < epochs_.size() ? epochs_[i + 1].second : end_offset();
            return offset_and_epoch{end, epochs_[i].first};
        }
    }
    if (snapshot_id_ && snapshot_id_->epoch <= epoch) return offset_and_epoch{start_offset(), snapshot_id_->epoch};
    if (!snapshot_id_ && start_offset() == log_offset{0}) return offset_and_epoch{log_offset{0}, epoch_id{0}};
    return std::nullopt;
}

result<void> persistent_log::append_batch(std::span<const log_entry> entries) {
    std::vector<protocol::record> records(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        records[i].offset = log_->log_end_offset() + static_cast<int64_t>(i);
        records[i].timestamp = 0;  // the metadata log is never deleted by time
        if (entries[i].control) records[i].key = leader_change_key;
        records[i].value = entries[i].payload;
    }
    protocol::batch_build_options opts;
    opts.base_offset = log_->log_end_offset();
    opts.partition_leader_epoch = entries.front().epoch.value();
    opts.control = entries.front().control;
    auto batch = protocol::build_batch(opts, records);
    if (!batch) return batch.err();
    if (auto r = log_->append_with_offsets(*batch, 0); !r) return r.err();
    if (epochs_.empty() || epochs_.back().first != entries.front().epoch)
        epochs_.emplace_back(entries.front().epoch, log_offset{opts.base_offset});
    return {};
}

result<void> persistent_log::append(std::span<const log_entry> entries) {
    epoch_id last = last_epoch();
    for (const auto& e : entries) {
        if (e.epoch < last) return make_error(error_code::invalid_request, "raft log: entry epochs must not decrease");
        last = e.epoch;
    }
    for (std::size_t i = 0; i < entries.size();) {
        std::size_t j = i + 1;
        while (j < entries.size() && entries[j].epoch == entries[i].epoch && entries[j].control == entries[i].control) ++j;
        if (auto r = append_batch(entries.subspan(i, j - i)); !r) return r;
        i = j;
    }
    return entries.empty() ? result<void>{} : sync();
}

result<std::vector<log_entry>> persistent_log::read_entries(log_offset from, log_offset to) const {
    std::vector<log_entry> out;
    for (int64_t at = from.value(); at < to.value();) {
        auto slice = log_->read(at, read_chunk_bytes);
        if (!slice) return slice.err();
        auto batches = protocol::split_batches(slice->bytes, false);
        if (!batches) return batches.err();
        if (batches->empty()) break;
        for (const auto& b : *batches) {
            auto records = protocol::decode_records(b);
            if (!records) return records.err();
            for (auto& r : *records) {
                if (r.offset < at || r.offset >= to.value()) continue;
                out.push_back(log_entry{epoch_id{b.header.partition_leader_epoch}, b.header.is_control(),
                                        r.value.value_or(bytes{})});
            }
            at = std::max(at, b.header.last_offset() + 1);
            if (at >= to.value()) break;
        }
    }
    return out;
}

std::vector<log_entry> persistent_log::read(log_offset from, std::size_t max_entries, std::size_t max_bytes) const {
    std::vector<log_entry> out;
    if (from < start_offset() || from >= end_offset() || max_entries == 0) return out;
    auto to = std::min(end_offset(), from + static_cast<int64_t>(std::min<std::size_t>(max_entries, 1 << 20)));
    auto entries = read_entries(from, to);
    if (!entries) return out;  // the interface has no error here; a storage fault shows up on the next append
    std::size_t size = 0;
    for (auto& e : *entries) {
        if (!out.empty() && size + e.payload.size() > max_bytes) break;
        size += e.payload.size();
        out.push_back(std::move(e));
    }
    return out;
}

result<void> persistent_log::truncate_to(log_offset offset) {
    if (offset < start_offset())
        return make_error(error_code::offset_out_of_range, "raft log: cannot truncate below the log start");
    if (offset >= end_offset()) return {};
    // partition_log drops a straddling batch whole: keep the entries of it that lie below `offset`.
    auto from = offset;
    auto slice = log_->read(offset.value(), 1);  // at least the whole batch holding `offset`
    if (!slice) return slice.err();
    if (!slice->bytes.empty()) from = log_offset{std::max(slice->first_offset, log_->log_start_offset())};
    auto keep = read_entries(from, offset);
    if (!keep) return keep.err();
    if (auto r = log_->truncate_to(offset.value()); !r) return r;
    while (!epochs_.empty() && epochs_.back().second >= end_offset()) epochs_.pop_back();
    if (end_offset() < offset) {
        std::vector<log_entry> rest(keep->begin() + (end_offset() - from), keep->end());
        if (auto r = append(rest); !r) return r;
    }
    return sync();
}

result<void> persistent_log::write_snapshot(offset_and_epoch id, const bytes& state) {
    if (auto r = write_file_atomically(dir_ / snapshot_file_name(id), state); !r) return r;
    snapshot_id_ = id;
    return {};
}

void persistent_log::remove_snapshots_before(offset_and_epoch id) {
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir_, ec)) {
        auto other = parse_snapshot_name(f.path().filename().string());
        if (other && *other < id) std::filesystem::remove(f.path(), ec);
    }
}

result<void> persistent_log::create_snapshot(offset_and_epoch id, bytes state) {
    if (id.offset > end_offset() || id.offset < start_offset())
        return make_error(error_code::offset_out_of_range, "raft log: snapshot end offset outside the log");
    auto epoch = epoch_at(id.offset - 1);
    if (id.offset > log_offset{0} && (!epoch || *epoch != id.epoch))
        return make_error(error_code::invalid_request, "raft log: snapshot epoch differs from the log's");
    // The snapshot is durable before any entry it replaces goes.
    if (auto r = write_snapshot(id, state); !r) return r;
    if (auto r = log_->advance_log_start_offset(id.offset.value()); !r) return r;
    while (epochs_.size() > 1 && epochs_[1].second <= id.offset) epochs_.erase(epochs_.begin());
    if (!epochs_.empty()) epochs_.front().second = std::max(epochs_.front().second, id.offset);
    if (!epochs_.empty() && epochs_.front().second >= end_offset()) epochs_.clear();
    remove_snapshots_before(id);
    return {};
}

result<bytes> persistent_log::read_snapshot(offset_and_epoch id) const {
    if (!snapshot_id_ || *snapshot_id_ != id) return make_error(error_code::snapshot_not_found, "raft log: no such snapshot");
    return read_whole_file(dir_ / snapshot_file_name(id));
}

result<void> persistent_log::install_snapshot(offset_and_epoch id, bytes state) {
    if (auto r = write_snapshot(id, state); !r) return r;
    if (auto r = log_->reset(id.offset.value()); !r) return r;
    epochs_.clear();
    remove_snapshots_before(id);
    return {};
}

}  // namespace sluice::raft
