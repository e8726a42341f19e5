#include "engine/replication/leader_state.h"

#include <algorithm>
#include <string>

namespace sluice::replication {
namespace {

bool contains(const std::vector<replica_id>& ids, replica_id id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string describe(const std::vector<replica_id>& ids) {
    std::string s = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + std::to_string(ids[i].value());
    return s + "]";
}

}  // namespace

leader_state::leader_state(leader_state_init init)
    : self_(init.self),
      epoch_(init.epoch),
      partition_epoch_(init.epoch_of_partition),
      epoch_start_offset_(init.log_end_offset),
      log_end_offset_(init.log_end_offset),
      high_watermark_(std::min(init.high_watermark, init.log_end_offset)),
      replicas_(std::move(init.replicas)),
      isr_(std::move(init.isr)) {
    for (auto id : replicas_) {
        if (id == self_) continue;
        follower_state f;
        f.id = id;
        if (contains(isr_, id)) f.last_caught_up_ms = init.now_ms;
        followers_.push_back(f);
    }
}

follower_state* leader_state::find(replica_id id) {
    auto it = std::find_if(followers_.begin(), followers_.end(), [&](const follower_state& f) { return f.id == id; });
    return it == followers_.end() ? nullptr : &*it;
}

const follower_state* leader_state::follower(replica_id id) const { return const_cast<leader_state*>(this)->find(id); }

std::vector<replica_id> leader_state::maximal_isr() const {
    auto maximal = isr_;
    if (pending_)
        for (auto id : pending_->new_isr)
            if (!contains(maximal, id)) maximal.push_back(id);
    return maximal;
}

high_watermark_update leader_state::maybe_advance_high_watermark() {
    auto candidate = log_end_offset_;
    for (auto id : maximal_isr()) {
        if (id == self_) continue;
        const auto* f = follower(id);
        // A member we hold no state for cannot have acknowledged anything: it holds the HW where it is.
        if (!f) return {high_watermark_, false};
        candidate = std::min(candidate, f->log_end_offset);
    }
    if (candidate <= high_watermark_) return {high_watermark_, false};
    high_watermark_ = candidate;
    return {high_watermark_, true};
}

high_watermark_update leader_state::on_leader_append(offset new_log_end) {
    log_end_offset_ = std::max(log_end_offset_, new_log_end);
    return maybe_advance_high_watermark();
}

result<high_watermark_update> leader_state::on_follower_fetch(replica_id id, offset fetch_offset, int64_t now_ms) {
    auto* f = find(id);
    if (!f)
        return make_error(
            protocol::error_code::not_leader_or_follower,
            "replica " + std::to_string(id.value()) + " is not a follower of this partition " + describe(replicas_));
    if (fetch_offset.value() < 0 || fetch_offset > log_end_offset_)
        return make_error(protocol::error_code::offset_out_of_range,
                          "follower fetch offset " + std::to_string(fetch_offset.value()) + " is outside [0, " +
                              std::to_string(log_end_offset_.value()) + "]");
    // Kafka's rule (Replica.updateFetchState): reaching the current LEO means caught up now; reaching the LEO
    // the leader had at the previous fetch means it was caught up when it sent that previous fetch.
    if (fetch_offset >= log_end_offset_)
        f->last_caught_up_ms = std::max(f->last_caught_up_ms, now_ms);
    else if (fetch_offset >= f->leader_end_at_last_fetch)
        f->last_caught_up_ms = std::max(f->last_caught_up_ms, f->last_fetch_ms);
    f->leader_end_at_last_fetch = std::max(f->leader_end_at_last_fetch, log_end_offset_);
    f->last_fetch_ms = now_ms;
    f->log_end_offset = fetch_offset;
    return maybe_advance_high_watermark();
}

bool leader_state::out_of_sync(replica_id id, int64_t now_ms, int64_t lag_time_max_ms) const {
    const auto* f = follower(id);
    // Kafka's isCaughtUp: at the leader's LEO, or caught up within the lag time.
    return id != self_ && f && f->log_end_offset != log_end_offset_ && f->last_caught_up_ms < now_ms - lag_time_max_ms;
}

std::size_t leader_state::caught_up_isr_size(int64_t now_ms, int64_t lag_time_max_ms) const {
    return static_cast<std::size_t>(std::count_if(
        isr_.begin(), isr_.end(), [&](replica_id id) { return !out_of_sync(id, now_ms, lag_time_max_ms); }));
}

std::optional<isr_change> leader_state::isr_shrink_candidates(int64_t now_ms, int64_t lag_time_max_ms) const {
    if (pending_) return std::nullopt;
    std::vector<replica_id> keep;
    bool dropped = false;
    for (auto id : isr_) {
        if (out_of_sync(id, now_ms, lag_time_max_ms))
            dropped = true;
        else
            keep.push_back(id);
    }
    if (!dropped) return std::nullopt;
    return isr_change{std::move(keep), epoch_, partition_epoch_};
}

std::optional<isr_change> leader_state::isr_expand_candidates() const {
    if (pending_) return std::nullopt;
    auto grown = isr_;
    for (const auto& f : followers_) {
        if (contains(isr_, f.id)) continue;
        // Kafka's isFollowerInSync: it has everything committed and everything of earlier epochs.
        if (f.log_end_offset >= high_watermark_ && f.log_end_offset >= epoch_start_offset_) grown.push_back(f.id);
    }
    if (grown.size() == isr_.size()) return std::nullopt;
    return isr_change{std::move(grown), epoch_, partition_epoch_};
}

result<void> leader_state::begin_isr_change(isr_change change) {
    if (pending_)
        return make_error(protocol::error_code::operation_not_attempted,
                          "an ISR change to " + describe(pending_->new_isr) + " is already in flight");
    if (change.epoch != epoch_ || change.based_on != partition_epoch_)
        return make_error(protocol::error_code::invalid_update_version,
                          "ISR change computed from leader epoch " + std::to_string(change.epoch.value()) +
                              " / partition epoch " + std::to_string(change.based_on.value()) + ", now " +
                              std::to_string(epoch_.value()) + " / " + std::to_string(partition_epoch_.value()));
    if (!contains(change.new_isr, self_) ||
        !std::all_of(change.new_isr.begin(), change.new_isr.end(), [&](replica_id id) { return is_replica(id); }))
        return make_error(protocol::error_code::invalid_request, "proposed ISR " + describe(change.new_isr) +
                                                                     " must be replicas of " + describe(replicas_) +
                                                                     " including the leader");
    pending_ = std::move(change);
    return {};
}

void leader_state::set_replicas(std::vector<replica_id> replicas) {
    std::vector<follower_state> followers;
    for (auto id : replicas) {
        if (id == self_) continue;
        if (const auto* known = follower(id))
            followers.push_back(*known);
        else
            followers.push_back(follower_state{id});
    }
    replicas_ = std::move(replicas);
    followers_ = std::move(followers);
}

result<high_watermark_update> leader_state::apply_committed_isr(std::vector<replica_id> isr,
                                                                partition_epoch epoch_of_partition) {
    if (epoch_of_partition < partition_epoch_ || (epoch_of_partition == partition_epoch_ && isr != isr_))
        return make_error(protocol::error_code::invalid_update_version,
                          "stale partition state: epoch " + std::to_string(epoch_of_partition.value()) + ", current " +
                              std::to_string(partition_epoch_.value()));
    if (!std::all_of(isr.begin(), isr.end(), [&](replica_id id) { return is_replica(id); }))
        return make_error(protocol::error_code::invalid_request,
                          "committed ISR " + describe(isr) + " names a replica not in " + describe(replicas_));
    // The same state delivered again (metadata replay): a change in flight was computed from it, keep it.
    if (epoch_of_partition == partition_epoch_) return high_watermark_update{high_watermark_, false};
    // A member the controller took out (fenced, or a shrink) rejoins only after fetching again: its last
    // position is from before it went away, and proposing it back from that would undo the controller.
    for (auto& f : followers_)
        if (contains(isr_, f.id) && !contains(isr, f.id)) f.log_end_offset = undefined_offset;
    isr_ = std::move(isr);
    partition_epoch_ = epoch_of_partition;
    pending_.reset();
    return maybe_advance_high_watermark();
}

}  // namespace sluice::replication
