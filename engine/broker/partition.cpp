#include "engine/broker/partition.h"

#include <algorithm>

#include "engine/common/log.h"
#include "engine/protocol/record_batch.h"
#include "engine/storage/producer_snapshot.h"

namespace sluice::broker {

namespace {
using replication::offset;
using replication::replica_id;

std::vector<replica_id> ids(const std::vector<int32_t>& nodes) {
    std::vector<replica_id> out;
    for (int32_t n : nodes) out.emplace_back(n);
    return out;
}

std::string name_of(const partition& p) { return p.topic() + "-" + std::to_string(p.index()); }
}  // namespace

partition::partition(std::string topic, int32_t index, std::unique_ptr<storage::partition_log> log,
                     replication::leader_epoch_cache epochs, storage::producer_state producers)
    : topic_(std::move(topic)),
      index_(index),
      log_(std::move(log)),
      epochs_(std::move(epochs)),
      producers_(std::move(producers)),
      snapshot_segment_base_(log_->active_segment_base()) {}

void partition::become_leader(int32_t self, const metadata::partition_state& state, int64_t now_ms) {
    if (role_ == replica_role::leader && leader_ && leader_epoch_ == state.leader_epoch) {
        // Same epoch: the committed ISR moved (AlterPartition applied by the controller), or the replicas
        // (a reassignment), first, so that the ISR names only replicas.
        if (auto replicas = ids(state.replicas); replicas != leader_->replicas())
            leader_->set_replicas(std::move(replicas));
        std::vector<replica_id> isr = ids(state.isr);
        if (isr != leader_->isr() || replication::partition_epoch(state.partition_epoch) != leader_->committed_partition_epoch())
            if (auto applied = leader_->apply_committed_isr(std::move(isr), replication::partition_epoch(state.partition_epoch)))
                on_leader_high_watermark(applied.value());
        return;
    }
    waiters_.fail_all(protocol::error_code::not_leader_or_follower);
    role_ = replica_role::leader;
    leader_id_ = self;
    leader_epoch_ = state.leader_epoch;
    const int64_t end = log_->log_end_offset();
    if (auto assigned = epochs_.assign(replication::leader_epoch(state.leader_epoch), offset(end)); !assigned)
        log_warning("cannot record leader epoch of " + name_of(*this) + ": " + assigned.err().message);
    replication::leader_state_init init;
    init.self = replica_id(self);
    init.replicas = ids(state.replicas);
    init.isr = ids(state.isr);
    init.epoch = replication::leader_epoch(state.leader_epoch);
    init.epoch_of_partition = replication::partition_epoch(state.partition_epoch);
    init.log_end_offset = offset(end);
    init.high_watermark = offset(std::min(high_watermark_, end));
    init.now_ms = now_ms;
    leader_.emplace(std::move(init));
    // With this node the whole ISR (one replica, or followers out of the ISR) the log end is committed now.
    leader_->on_leader_append(offset(end));
    set_high_watermark(leader_->high_watermark().value());
}

void partition::resign() {
    waiters_.fail_all(protocol::error_code::not_leader_or_follower);
    leader_.reset();
    role_ = replica_role::none;
    leader_id_ = -1;
    wake_waiters();
}

void partition::become_follower(const metadata::partition_state& state) {
    waiters_.fail_all(protocol::error_code::not_leader_or_follower);
    leader_.reset();
    role_ = replica_role::follower;
    leader_id_ = state.leader;
    leader_epoch_ = state.leader_epoch;
    wake_waiters();  // consumers long-polling here must hear NOT_LEADER_OR_FOLLOWER now
}

result<storage::append_result> partition::append(std::span<uint8_t> batches, int64_t now_ms) {
    if (!is_leader())
        return make_error(protocol::error_code::not_leader_or_follower,
                          "This server is not the leader for partition " + name_of(*this) + ".");
    if (auto first = protocol::parse_batch_header(batches); first && first->producer_id >= 0) {
        if (first->total_size() != batches.size())
            return make_error(protocol::error_code::invalid_record,
                              "a record set of an idempotent producer must hold exactly one batch");
        auto checked = producers_.check(*first);
        if (!checked) return checked.err();
        if (const auto& original = checked.value()) {
            storage::append_result dup;
            dup.base_offset = original->first_offset;
            dup.last_offset = original->last_offset;
            dup.duplicate = true;
            return dup;
        }
    }
    auto appended = log_->append(batches, leader_epoch_, now_ms);
    if (appended) {
        track_producers(batches);
        on_leader_high_watermark(leader_->on_leader_append(offset(log_->log_end_offset())));
        wake_waiters();
    }
    return appended;
}

void partition::track_producers(std::span<const uint8_t> appended) {
    std::span<const uint8_t> rest = appended;
    while (auto h = protocol::parse_batch_header(rest)) {
        producers_.update(*h);
        if (h->total_size() > rest.size()) break;
        rest = rest.subspan(h->total_size());
    }
    // Kafka snapshots the producer state when a segment rolls (an empty state too), so that recovery and
    // truncation replay about one segment, never the whole log.
    if (log_->active_segment_base() != snapshot_segment_base_) {
        if (auto written = snapshot_producers(); !written)
            log_warning("cannot snapshot the producer state of " + name_of(*this) + ": " + written.err().message);
        snapshot_segment_base_ = log_->active_segment_base();
    }
}

result<void> partition::snapshot_producers() {
    return storage::write_producer_snapshot(log_->dir(), log_->log_end_offset(), producers_,
                                            log_->log_start_offset());
}

result<void> partition::append_as_follower(std::span<const uint8_t> batches, int64_t now_ms) {
    auto views = protocol::split_batches(batches, false);
    if (!views) return views.err();
    for (const auto& batch : *views) {
        int32_t epoch = batch.header.partition_leader_epoch;
        auto latest = epochs_.latest_epoch();
        if (epoch >= 0 && (!latest || latest->value() < epoch))
            if (auto assigned = epochs_.assign(replication::leader_epoch(epoch), offset(batch.header.base_offset)); !assigned)
                return assigned.err();
    }
    auto appended = log_->append_with_offsets(batches, now_ms);
    if (!appended) return appended.err();
    track_producers(batches);  // so that this replica deduplicates as its leader did once it leads
    return {};
}

result<void> partition::truncate_to(int64_t to) {
    if (to >= log_->log_end_offset()) return {};
    if (auto truncated = log_->truncate_to(to); !truncated) return truncated;
    if (auto trimmed = epochs_.truncate_from_end(offset(log_->log_end_offset())); !trimmed) return trimmed;
    if (high_watermark_ > log_->log_end_offset()) high_watermark_ = log_->log_end_offset();
    return reload_producers();
}

result<void> partition::reset_log(int64_t start_offset) {
    if (auto reset = log_->reset(start_offset); !reset) return reset;
    (void)epochs_.truncate_from_start(offset(start_offset));
    // Nothing of the old log stays, so neither does what its snapshots say (Kafka's truncateFullyAndStartAt).
    storage::remove_producer_snapshots(log_->dir());
    producers_.clear();
    snapshot_segment_base_ = log_->active_segment_base();
    return {};
}

result<void> partition::reload_producers() {
    // The dropped batches may have been some producer's last ones: the state is what the remaining log says.
    auto rebuilt = storage::rebuild_producer_state(*log_);
    if (!rebuilt) return rebuilt.err();
    producers_ = std::move(rebuilt.value());
    snapshot_segment_base_ = log_->active_segment_base();
    return {};
}

void partition::update_follower_high_watermark(int64_t leader_high_watermark) {
    set_high_watermark(std::min(leader_high_watermark, log_->log_end_offset()));
}

result<void> partition::on_follower_fetch(int32_t replica, int64_t fetch_offset, int64_t now_ms) {
    if (!is_leader())
        return make_error(protocol::error_code::not_leader_or_follower,
                          "This server is not the leader for partition " + name_of(*this) + ".");
    auto update = leader_->on_follower_fetch(replica_id(replica), offset(fetch_offset), now_ms);
    if (!update) return update.err();
    on_leader_high_watermark(update.value());
    return {};
}

std::optional<replication::isr_change> partition::next_isr_change(int64_t now_ms, int64_t lag_time_max_ms) {
    if (!is_leader()) return std::nullopt;
    auto change = leader_->isr_shrink_candidates(now_ms, lag_time_max_ms);
    if (!change) change = leader_->isr_expand_candidates();
    if (!change || !leader_->begin_isr_change(*change)) return std::nullopt;
    // A pending shrink lowers nothing, but a pending expansion may hold the HW: the maximal ISR changed.
    return change;
}

void partition::abandon_isr_change() {
    if (leader_) leader_->abandon_isr_change();
}

void partition::wait_for_commit(int64_t required_offset, int64_t deadline_ms, int32_t min_insync,
                                replication::acks_waiters::completion done) {
    min_insync_ = min_insync;
    if (high_watermark_ >= required_offset) {
        done(leader_ ? replication::check_min_isr_after_append(leader_->maximal_isr().size(), min_insync)
                     : protocol::error_code::none);
        return;
    }
    waiters_.add(offset(required_offset), deadline_ms, std::move(done));
}

void partition::set_high_watermark(int64_t hw) {
    if (hw == high_watermark_) return;
    high_watermark_ = hw;
    wake_waiters();
}

void partition::on_leader_high_watermark(const replication::high_watermark_update& update) {
    if (!update.advanced) return;
    set_high_watermark(update.high_watermark.value());
    waiters_.on_high_watermark(update.high_watermark,
                               replication::check_min_isr_after_append(leader_->maximal_isr().size(), min_insync_));
}

void partition::add_waiter(const std::shared_ptr<asio::steady_timer>& timer) {
    fetch_waiters_.remove_if([](const std::weak_ptr<asio::steady_timer>& w) { return w.expired(); });
    fetch_waiters_.push_back(timer);
}

void partition::wake_waiters() {
    for (auto& weak : fetch_waiters_)
        if (auto timer = weak.lock()) timer->cancel();
    fetch_waiters_.clear();
}

}  // namespace sluice::broker
