#include "engine/raft/memory_log.h"

#include <string>

namespace sluice::raft {

using protocol::error_code;

epoch_id memory_log::last_epoch() const {
    if (!entries_.empty()) return entries_.back().epoch;
    return snapshot_id_ ? snapshot_id_->epoch : epoch_id{0};
}

std::optional<epoch_id> memory_log::epoch_at(log_offset offset) const {
    if (offset >= start_ && offset < end_offset()) return entries_[static_cast<std::size_t>(offset - start_)].epoch;
    if (snapshot_id_ && offset == snapshot_id_->offset - 1) return snapshot_id_->epoch;
    return std::nullopt;
}

result<void> memory_log::append(std::span<const log_entry> entries) {
    epoch_id last = last_epoch();
    for (const auto& e : entries) {
        if (e.epoch < last) return make_error(error_code::invalid_request, "raft log: entry epochs must not decrease");
        last = e.epoch;
    }
    entries_.insert(entries_.end(), entries.begin(), entries.end());
    return {};
}

result<void> memory_log::truncate_to(log_offset offset) {
    if (offset < start_)
        return make_error(error_code::offset_out_of_range,
                          "raft log: cannot truncate below the log start " + std::to_string(start_.value()));
    if (offset < end_offset()) entries_.resize(static_cast<std::size_t>(offset - start_));
    return {};
}

std::optional<offset_and_epoch> memory_log::end_offset_for_epoch(epoch_id epoch) const {
    // Walk back over the entries: the first one (from the end) with an epoch <= the requested one marks the
    // largest such epoch, and its end is just after it.
    for (std::size_t i = entries_.size(); i-- > 0;) {
        if (entries_[i].epoch <= epoch) return offset_and_epoch{start_ + static_cast<int64_t>(i + 1), entries_[i].epoch};
    }
    if (snapshot_id_ && snapshot_id_->epoch <= epoch) return offset_and_epoch{start_, snapshot_id_->epoch};
    if (!snapshot_id_ && start_ == log_offset{0}) return offset_and_epoch{log_offset{0}, epoch_id{0}};
    return std::nullopt;
}

std::vector<log_entry> memory_log::read(log_offset from, std::size_t max_entries, std::size_t max_bytes) const {
    std::vector<log_entry> out;
    if (from < start_) return out;
    std::size_t size = 0;
    for (auto i = static_cast<std::size_t>(from - start_); i < entries_.size() && out.size() < max_entries; ++i) {
        if (!out.empty() && size + entries_[i].payload.size() > max_bytes) break;
        size += entries_[i].payload.size();
        out.push_back(entries_[i]);
    }
    return out;
}

result<void> memory_log::create_snapshot(offset_and_epoch id, bytes state) {
    if (id.offset > end_offset() || id.offset < start_)
        return make_error(error_code::offset_out_of_range, "raft log: snapshot end offset outside the log");
    auto epoch = epoch_at(id.offset - 1);
    if (id.offset > log_offset{0} && (!epoch || *epoch != id.epoch))
        return make_error(error_code::invalid_request, "raft log: snapshot epoch differs from the log's");
    entries_.erase(entries_.begin(), entries_.begin() + (id.offset - start_));
    start_ = id.offset;
    snapshot_id_ = id;
    snapshot_ = std::move(state);
    return {};
}

result<bytes> memory_log::read_snapshot(offset_and_epoch id) const {
    if (!snapshot_id_ || *snapshot_id_ != id) return make_error(error_code::snapshot_not_found, "raft log: no such snapshot");
    return snapshot_;
}

result<void> memory_log::install_snapshot(offset_and_epoch id, bytes state) {
    entries_.clear();
    start_ = id.offset;
    snapshot_id_ = id;
    snapshot_ = std::move(state);
    return {};
}

}  // namespace sluice::raft
