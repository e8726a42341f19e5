// What the leader of one partition tracks for the current leader epoch: its replicas and ISR, each
// follower's position and how recently it was caught up, and the high watermark they imply. ISR changes are
// proposed here and committed by the controller (AlterPartition, KIP-497): one proposal in flight at a time.
// Deterministic: times come in as arguments (a monotonic clock in ms). A new leader epoch starts a new object.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "engine/common/result.h"
#include "engine/replication/types.h"

namespace sluice::replication {

// "Not yet": a time older than every real one.
inline constexpr int64_t never_ms = std::numeric_limits<int64_t>::min();

// The leader's view of one follower.
struct follower_state {
    replica_id id;
    offset log_end_offset = undefined_offset;  // its fetch offset; unknown until it fetches from this leader
    int64_t last_fetch_ms = never_ms;
    // The last time it was known to have everything the leader had (Kafka's lastCaughtUpTimeMs).
    int64_t last_caught_up_ms = never_ms;
    // The leader's log end offset when that last fetch arrived (Kafka's lastFetchLeaderLogEndOffset).
    offset leader_end_at_last_fetch = undefined_offset;
};

// A proposed ISR, to send to the controller as AlterPartition.
struct isr_change {
    std::vector<replica_id> new_isr;
    leader_epoch epoch;
    partition_epoch based_on;  // the committed partition epoch it was computed from (AlterPartition's PartitionEpoch)
    friend bool operator==(const isr_change&, const isr_change&) = default;
};

struct high_watermark_update {
    offset high_watermark;
    bool advanced = false;
};

// The state the controller committed when it made this node leader, and where the local log stood.
struct leader_state_init {
    replica_id self;
    std::vector<replica_id> replicas;
    std::vector<replica_id> isr;
    leader_epoch epoch;
    partition_epoch epoch_of_partition;
    offset log_end_offset;  // the leader's LEO now: also the start offset of its epoch
    offset high_watermark;  // the HW it had as a follower (checkpointed); clamped to the LEO
    int64_t now_ms = 0;
};

class leader_state {
public:
    // Followers in the ISR count as caught up now (so a new leader does not drop them at once); the others
    // as never, so they hold nothing back until they catch up.
    explicit leader_state(leader_state_init init);

    replica_id self() const { return self_; }
    leader_epoch epoch() const { return epoch_; }
    partition_epoch committed_partition_epoch() const { return partition_epoch_; }
    // The leader's LEO when it took this epoch: a follower must reach it to join the ISR.
    offset epoch_start_offset() const { return epoch_start_offset_; }
    offset log_end_offset() const { return log_end_offset_; }
    // Below it every record is on every member of the maximal ISR. Never decreases.
    offset high_watermark() const { return high_watermark_; }
    const std::vector<replica_id>& replicas() const { return replicas_; }
    // The ISR the controller committed: min.insync.replicas is checked against it before an append.
    const std::vector<replica_id>& isr() const { return isr_; }
    // The committed ISR plus whatever a pending change adds (KIP-497): while a change is in flight the HW and
    // acks=all wait for every replica that may be in the ISR once it commits, so a shrink cannot make an
    // offset committed before the controller agreed, and an expansion counts the new member at once.
    std::vector<replica_id> maximal_isr() const;
    const std::optional<isr_change>& pending_isr_change() const { return pending_; }
    // nullptr when `id` is not a follower of this partition.
    const follower_state* follower(replica_id id) const;

    // The leader appended up to `new_log_end` (exclusive). With no other ISR member the HW follows at once.
    high_watermark_update on_leader_append(offset new_log_end);
    // A follower's Fetch at `fetch_offset` (after the read succeeded): records its position and applies
    // Kafka's caught-up rule — caught up now if it asked for the leader's LEO, else caught up as of its
    // previous fetch if it asked for at least the LEO the leader had then. Errors: not a follower of this
    // partition (not_leader_or_follower), offset outside [0, LEO] (offset_out_of_range); nothing is recorded.
    result<high_watermark_update> on_follower_fetch(replica_id id, offset fetch_offset, int64_t now_ms);

    // ISR members (not the leader) that are not at the LEO and were last caught up more than
    // `lag_time_max_ms` ago (replica.lag.time.max.ms): the committed ISR without them. nullopt when there is
    // none or a change is already in flight.
    std::optional<isr_change> isr_shrink_candidates(int64_t now_ms, int64_t lag_time_max_ms) const;
    // Committed ISR members (the leader included) that are not out of sync by that same rule: the ISR the
    // leader would commit if the controller answered now. acks=all checks min.insync.replicas against it, so a
    // leader whose followers died answers NOT_ENOUGH_REPLICAS even when the shrink cannot commit (the quorum
    // went down with them) instead of appending records that can only time out.
    std::size_t caught_up_isr_size(int64_t now_ms, int64_t lag_time_max_ms) const;
    // Replicas outside the ISR whose LEO reached both the HW and the epoch start offset: the committed ISR
    // with them added. nullopt when there is none or a change is already in flight.
    std::optional<isr_change> isr_expand_candidates() const;
    // Marks `change` as sent to the controller. Refused while another is in flight (operation_not_attempted)
    // or when it was computed from another epoch or partition epoch (invalid_update_version) or does not
    // consist of this partition's replicas with the leader among them (invalid_request).
    result<void> begin_isr_change(isr_change change);
    // AlterPartition failed or was dropped: forget the proposal so the next check may propose again.
    void abandon_isr_change() { pending_.reset(); }
    // The controller changed the replica set within this leader epoch (a reassignment, KIP-455): new replicas
    // become followers that have not fetched yet, removed ones are forgotten. Call before applying the ISR
    // committed with it (which may only name replicas).
    void set_replicas(std::vector<replica_id> replicas);
    // The controller committed `isr` at `epoch_of_partition` (AlterPartition response or metadata record).
    // Adopts it and ends any pending change; the HW may advance as the maximal ISR shrinks. An older
    // partition epoch, or the same one with another ISR, is refused (invalid_update_version); members that are
    // not replicas are refused (invalid_request). The same epoch and ISR again is a no-op that keeps the
    // pending change (it was computed from that state).
    result<high_watermark_update> apply_committed_isr(std::vector<replica_id> isr, partition_epoch epoch_of_partition);

private:
    follower_state* find(replica_id id);
    // Kafka's !isCaughtUp for an ISR member: behind the LEO and last caught up more than the lag time ago.
    bool out_of_sync(replica_id id, int64_t now_ms, int64_t lag_time_max_ms) const;
    bool is_replica(replica_id id) const { return id == self_ || follower(id) != nullptr; }
    // Raises the HW to the lowest LEO over the maximal ISR (the leader's included), never lowers it.
    high_watermark_update maybe_advance_high_watermark();

    replica_id self_;
    leader_epoch epoch_;
    partition_epoch partition_epoch_;
    offset epoch_start_offset_;
    offset log_end_offset_;
    offset high_watermark_;
    std::vector<replica_id> replicas_;
    std::vector<replica_id> isr_;
    std::vector<follower_state> followers_;  // every replica but the leader, in replica order
    std::optional<isr_change> pending_;
};

}  // namespace sluice::replication
