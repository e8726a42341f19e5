#include "engine/replication/truncation.h"

#include <algorithm>

namespace sluice::replication {

truncation_step next_truncation(const leader_epoch_cache& own, offset log_end_offset, offset high_watermark,
                                epoch_end_offset leader_answer) {
    if (leader_answer.end_offset == undefined_offset)
        return {std::min(high_watermark, log_end_offset), true};
    const auto ours = own.end_offset_for(leader_answer.epoch, log_end_offset);
    // We were not tracking epochs that far back (or the leader is a pre-epoch one and answered an undefined
    // epoch with an offset): the leader answered for an epoch <= ours, so its end offset is safe.
    if (ours.undefined()) return {std::min(leader_answer.end_offset, log_end_offset), true};
    if (ours.epoch != leader_answer.epoch) return {std::min(ours.end_offset, log_end_offset), false};
    return {std::min({ours.end_offset, leader_answer.end_offset, log_end_offset}), true};
}

offset resolve_truncation(const leader_epoch_cache& own, offset log_end_offset, offset high_watermark,
                          const leader_epoch_query& ask_leader) {
    auto cache = own.in_memory_copy();
    auto end = log_end_offset;
    // Each incomplete step drops our latest epoch, so there are at most as many rounds as entries; the bound
    // only guards against a misbehaving leader.
    for (std::size_t round = 0; round <= own.entries().size(); ++round) {
        const auto latest = cache.latest_epoch();
        if (!latest) return std::min(high_watermark, end);
        const auto step = next_truncation(cache, end, high_watermark, ask_leader(*latest));
        end = step.truncate_to;
        (void)cache.truncate_from_end(end);  // in memory: cannot fail
        if (step.complete) return end;
    }
    return std::min(high_watermark, end);
}

}  // namespace sluice::replication
