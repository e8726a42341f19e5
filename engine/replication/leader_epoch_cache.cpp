#include "engine/replication/leader_epoch_cache.h"

#include <algorithm>
#include <string>
#include <system_error>

#include "engine/replication/leader_epoch_checkpoint.h"

namespace sluice::replication {

result<leader_epoch_cache> leader_epoch_cache::open(std::filesystem::path file) {
    // A crash between writing the temporary file and renaming it leaves the old checkpoint intact.
    auto tmp = file;
    tmp += ".tmp";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    auto entries = read_leader_epoch_checkpoint(file);
    if (!entries) return entries.err();
    return leader_epoch_cache(std::move(file), std::move(entries).value());
}

result<void> leader_epoch_cache::replace(std::vector<epoch_entry> next, durability when) {
    if (checkpoint_) {
        auto text = format_leader_epoch_checkpoint(next);
        auto written = when == durability::now ? checkpoint_->write_now(std::move(text))
                                               : checkpoint_->write_later(std::move(text), flusher_);
        if (!written) return written;
    }
    entries_ = std::move(next);
    return {};
}

result<void> leader_epoch_cache::assign(leader_epoch epoch, offset start_offset) {
    if (epoch.value() < 0 || start_offset.value() < 0)
        return make_error(protocol::error_code::unknown_server_error,
                          "invalid leader epoch entry " + std::to_string(epoch.value()) + " at " +
                              std::to_string(start_offset.value()));
    if (!entries_.empty() && entries_.back().epoch == epoch && start_offset >= entries_.back().start_offset)
        return {};  // already known; a later batch of the same epoch
    auto next = entries_;
    while (!next.empty() && (next.back().epoch >= epoch || next.back().start_offset >= start_offset))
        next.pop_back();
    next.push_back(epoch_entry{epoch, start_offset});
    return replace(std::move(next), durability::now);
}

result<void> leader_epoch_cache::truncate_from_end(offset end_offset) {
    if (end_offset.value() < 0 || entries_.empty() || entries_.back().start_offset < end_offset) return {};
    auto next = entries_;
    while (!next.empty() && next.back().start_offset >= end_offset) next.pop_back();
    return replace(std::move(next), durability::later);
}

result<void> leader_epoch_cache::truncate_from_start(offset start_offset) {
    auto first_kept = std::find_if(entries_.begin(), entries_.end(),
                                   [&](const epoch_entry& e) { return e.start_offset > start_offset; });
    if (first_kept == entries_.begin()) return {};
    std::vector<epoch_entry> next;
    next.reserve(static_cast<std::size_t>(entries_.end() - first_kept) + 1);
    next.push_back(epoch_entry{std::prev(first_kept)->epoch, start_offset});
    next.insert(next.end(), first_kept, entries_.end());
    return replace(std::move(next), durability::later);
}

epoch_end_offset leader_epoch_cache::end_offset_for(leader_epoch requested, offset log_end_offset) const {
    if (requested == undefined_epoch || entries_.empty()) return {};
    if (requested == entries_.back().epoch) return {requested, log_end_offset};
    auto higher = std::upper_bound(entries_.begin(), entries_.end(), requested,
                                   [](leader_epoch e, const epoch_entry& entry) { return e < entry.epoch; });
    if (higher == entries_.end()) return {};  // above every epoch we know
    if (higher == entries_.begin()) return {requested, higher->start_offset};
    return {std::prev(higher)->epoch, higher->start_offset};
}

std::optional<leader_epoch> leader_epoch_cache::latest_epoch() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.back().epoch;
}

std::optional<epoch_entry> leader_epoch_cache::latest_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.back();
}

std::optional<epoch_entry> leader_epoch_cache::earliest_entry() const {
    if (entries_.empty()) return std::nullopt;
    return entries_.front();
}

std::optional<leader_epoch> leader_epoch_cache::epoch_for_offset(offset at) const {
    auto higher = std::upper_bound(entries_.begin(), entries_.end(), at,
                                   [](offset o, const epoch_entry& entry) { return o < entry.start_offset; });
    if (higher == entries_.begin()) return std::nullopt;
    return std::prev(higher)->epoch;
}

leader_epoch_cache leader_epoch_cache::in_memory_copy() const { return leader_epoch_cache({}, entries_); }

}  // namespace sluice::replication
