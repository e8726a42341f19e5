// One partition replica hosted by this node: its log, its leader epochs, and its role. As leader it tracks
// its followers' positions (replication/leader_state), the high watermark they imply and the acks=all
// produce requests waiting for it; as follower it appends what the leader's fetch returns, with the
// leader's offsets, and learns the high watermark from the leader. Owned by the node's io thread.
#pragma once
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "engine/common/asio.h"
#include "engine/metadata/metadata_image.h"
#include "engine/replication/acks_waiters.h"
#include "engine/replication/leader_epoch_cache.h"
#include "engine/replication/leader_state.h"
#include "engine/storage/partition_log.h"
#include "engine/storage/producer_state.h"

namespace sluice::broker {

enum class replica_role { none, leader, follower };

class partition {
public:
    // `epochs` is the log's leader-epoch-checkpoint, opened beside it; `producers` the log's producer state
    // (storage::rebuild_producer_state).
    partition(std::string topic, int32_t index, std::unique_ptr<storage::partition_log> log,
              replication::leader_epoch_cache epochs, storage::producer_state producers);

    const std::string& topic() const { return topic_; }
    int32_t index() const { return index_; }
    storage::partition_log& log() { return *log_; }
    const storage::partition_log& log() const { return *log_; }
    replication::leader_epoch_cache& epochs() { return epochs_; }

    replica_role role() const { return role_; }
    bool is_leader() const { return role_ == replica_role::leader; }
    int32_t leader_id() const { return leader_id_; }
    int32_t leader_epoch() const { return leader_epoch_; }
    // The leader's view: replicas, ISR, follower positions. Null unless leader.
    const replication::leader_state* leadership() const { return leader_ ? &*leader_ : nullptr; }

    // The controller made this node leader (again, or with a new ISR) as `state` says. A new leader epoch
    // starts a new leader_state and is recorded in the epoch cache at the log end; the same epoch with a
    // newer partition epoch only adopts the committed ISR. Acks waiters of a lost leadership fail.
    void become_leader(int32_t self, const metadata::partition_state& state, int64_t now_ms);
    // This node follows `state.leader` (or no one, when it is -1): waiting acks fail with NOT_LEADER_OR_FOLLOWER.
    void become_follower(const metadata::partition_state& state);

    // This node is no longer a replica (reassigned away, or the topic is deleted): waiting acks fail with
    // NOT_LEADER_OR_FOLLOWER and long-polling fetches wake up to hear it.
    void resign();

    // Leader append of validated batches: assigns offsets, stamps the leader epoch, and advances the high
    // watermark as far as the ISR allows (at once when this node is the whole ISR). A batch of an idempotent
    // producer is checked against the producer state first: a retry of one of its last five batches appends
    // nothing and answers with that batch's offsets (Kafka answers it with NONE, as a success);
    // OUT_OF_ORDER_SEQUENCE_NUMBER or INVALID_PRODUCER_EPOCH refuse it. Such a record set must be one batch,
    // as Kafka requires of Produce v3+ (INVALID_RECORD otherwise).
    result<storage::append_result> append(std::span<uint8_t> batches, int64_t now_ms);
    // Follower append of batches as the leader numbered them; records new leader epochs from their headers.
    result<void> append_as_follower(std::span<const uint8_t> batches, int64_t now_ms);
    // Drops everything from `offset` on (a follower's divergence), keeping the epoch cache and the producer
    // state in step (the latter rebuilt from the snapshots and the log that remains).
    result<void> truncate_to(int64_t offset);
    // Empties the log and starts it at `start_offset` (a follower below its leader's log start).
    result<void> reset_log(int64_t start_offset);

    const storage::producer_state& producers() const { return producers_; }
    // producer.id.expiration.ms: forgets producers idle for that long. Returns how many.
    std::size_t expire_producers(int64_t now_ms, int64_t expiration_ms) {
        return producers_.expire(now_ms, expiration_ms);
    }
    // Writes the producer state as a snapshot at the log end (clean shutdown; a segment roll does it itself).
    result<void> snapshot_producers();
    // Follower: the leader's high watermark, capped at what this replica has.
    void update_follower_high_watermark(int64_t leader_high_watermark);

    // Leader: a follower fetched from `fetch_offset`; may advance the high watermark.
    result<void> on_follower_fetch(int32_t replica, int64_t fetch_offset, int64_t now_ms);
    // Leader: the ISR change to propose now, if any (a shrink first, else an expansion), marked in flight.
    std::optional<replication::isr_change> next_isr_change(int64_t now_ms, int64_t lag_time_max_ms);
    void abandon_isr_change();

    // acks=all: `done` runs once the high watermark reaches `required_offset` (with NONE, or
    // NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR fell below `min_insync` meanwhile), at `deadline_ms`
    // (REQUEST_TIMED_OUT) or when leadership is lost (NOT_LEADER_OR_FOLLOWER).
    void wait_for_commit(int64_t required_offset, int64_t deadline_ms, int32_t min_insync,
                         replication::acks_waiters::completion done);
    void expire_waiters(int64_t now_ms) { waiters_.on_deadline(now_ms); }

    // The offset below which records are committed and visible to consumers.
    int64_t high_watermark() const { return high_watermark_; }

    // Long-poll support: a waiting fetch registers its timer; an append or a high watermark move cancels
    // every registered timer so the fetch wakes and reads again. Registrations of finished fetches are pruned
    // on the next registration, so an idle partition polled forever does not grow its list.
    void add_waiter(const std::shared_ptr<asio::steady_timer>& timer);
    void wake_waiters();

private:
    void set_high_watermark(int64_t hw);
    // After an append: records its batches in the producer state, and snapshots it when a segment rolled.
    void track_producers(std::span<const uint8_t> appended);
    result<void> reload_producers();
    void on_leader_high_watermark(const replication::high_watermark_update& update);

    std::string topic_;
    int32_t index_;
    std::unique_ptr<storage::partition_log> log_;
    replication::leader_epoch_cache epochs_;
    storage::producer_state producers_;
    int64_t snapshot_segment_base_ = -1;  // the active segment when the producer state was last snapshotted
    replica_role role_ = replica_role::none;
    int32_t leader_id_ = -1;
    int32_t leader_epoch_ = -1;
    int32_t min_insync_ = 1;  // of the waiters registered last: NOT_ENOUGH_REPLICAS_AFTER_APPEND's bound
    std::optional<replication::leader_state> leader_;
    replication::acks_waiters waiters_;
    int64_t high_watermark_ = 0;
    std::list<std::weak_ptr<asio::steady_timer>> fetch_waiters_;
};

}  // namespace sluice::broker
