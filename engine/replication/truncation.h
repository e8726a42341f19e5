// Where a follower truncates its log after a leader change (KIP-101, KIP-279): from its own leader epoch
// cache and the leader's answer to OffsetForLeaderEpoch for the follower's latest epoch, or a Fetch
// response's DivergingEpoch, which carries the same {epoch, end offset}. Pure functions.
#pragma once
#include <functional>

#include "engine/replication/leader_epoch_cache.h"
#include "engine/replication/types.h"

namespace sluice::replication {

struct truncation_step {
    offset truncate_to;
    // False: truncate to `truncate_to`, then ask the leader again about the (new) latest epoch.
    bool complete = true;
    friend bool operator==(const truncation_step&, const truncation_step&) = default;
};

// One step, Kafka's rules (AbstractFetcherThread.getOffsetTruncationState):
//   the leader answers UNDEFINED (it knows no epoch <= ours): truncate to the high watermark (KIP-101);
//   the leader answers an undefined epoch with an offset (a pre-epoch leader): min(its offset, our LEO);
//   we know the leader's epoch: min(our end offset for it, the leader's end offset, our LEO), done;
//   we never had that epoch: truncate to the end of our largest epoch below it and ask again (KIP-279);
//   we know no epoch at or below it: min(the leader's end offset, our LEO).
// Never returns more than `log_end_offset`.
truncation_step next_truncation(const leader_epoch_cache& own, offset log_end_offset, offset high_watermark,
                                epoch_end_offset leader_answer);

// OffsetForLeaderEpoch as the follower would send it: the leader's answer for `epoch`.
using leader_epoch_query = std::function<epoch_end_offset(leader_epoch)>;

// The whole exchange on a copy of `own` (nothing is written): asks `ask_leader` about the latest epoch,
// applies next_truncation, truncates the copy, repeats until complete. A follower without epochs truncates
// to its high watermark without asking.
offset resolve_truncation(const leader_epoch_cache& own, offset log_end_offset, offset high_watermark,
                          const leader_epoch_query& ask_leader);

}  // namespace sluice::replication
