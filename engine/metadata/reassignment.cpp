#include "engine/metadata/reassignment.h"

#include <algorithm>

namespace sluice::metadata {

namespace {

using ids = std::vector<int32_t>;

bool contains(const ids& v, int32_t id) { return std::find(v.begin(), v.end(), id) != v.end(); }

// The members of `from` that are (or, with `keep` false, are not) in `set`, in `from`'s order.
ids filter(const ids& from, const ids& set, bool keep = true) {
    ids out;
    for (int32_t id : from)
        if (contains(set, id) == keep) out.push_back(id);
    return out;
}

// The state `change` leads to, as the image would apply it (the leader only as far as who leads).
partition_state after(partition_state p, const partition_change_record& change) {
    if (change.leader != partition_change_record::no_leader_change) p.leader = change.leader;
    if (change.isr) p.isr = *change.isr;
    if (change.replicas) p.replicas = *change.replicas;
    if (change.adding_replicas) p.adding_replicas = *change.adding_replicas;
    if (change.removing_replicas) p.removing_replicas = *change.removing_replicas;
    return p;
}

// The ISR of `next` (the state `change` leads to) keeps only `replicas`; a leader that is not among them
// hands over to the first live ISR member in replica order, or none.
void restrict_to(const partition_state& next, const ids& replicas, const broker_set& live,
                 partition_change_record& change) {
    ids isr = filter(next.isr, replicas);
    if (isr != next.isr) change.isr = isr;
    if (next.leader < 0 || contains(replicas, next.leader)) return;
    change.leader = -1;
    for (int32_t r : replicas)
        if (contains(isr, r) && live.contains(r)) {
            change.leader = r;
            break;
        }
}

// `next` ends with exactly `replicas` and no reassignment in progress.
void settle(const partition_state& next, const ids& replicas, const broker_set& live, partition_change_record& change) {
    if (replicas != next.replicas) change.replicas = replicas;
    if (next.reassigning()) {
        change.adding_replicas = ids{};
        change.removing_replicas = ids{};
    }
    restrict_to(next, replicas, live, change);
}

// Completes the reassignment to `target` when every target replica is in the ISR `next` has.
void complete_if_caught_up(const partition_state& next, const ids& target, const broker_set& live,
                           partition_change_record& change) {
    if (std::all_of(target.begin(), target.end(), [&](int32_t r) { return contains(next.isr, r); }))
        settle(next, target, live, change);
}

bool changes_something(const partition_change_record& c) {
    return c.leader != partition_change_record::no_leader_change || c.isr || c.replicas || c.adding_replicas ||
           c.removing_replicas;
}

}  // namespace

result<std::optional<partition_change_record>> plan_reassignment(const topic_state& topic, int32_t index,
                                                                 const std::optional<std::vector<int32_t>>& target,
                                                                 const broker_set& live) {
    using protocol::error_code;
    auto it = topic.partitions.find(index);
    if (it == topic.partitions.end())
        return make_error(error_code::unknown_topic_or_partition,
                          "No partition " + topic.name + "-" + std::to_string(index) + ".");
    const partition_state& p = it->second;
    partition_change_record change;
    change.topic_id = topic.id;
    change.partition_id = index;
    // The replicas before any reassignment in progress: what a cancel restores and a new target replaces.
    const ids original = filter(p.replicas, p.adding_replicas, false);
    if (!target) {
        if (!p.reassigning())
            return make_error(error_code::no_reassignment_in_progress,
                              "No reassignment of " + topic.name + "-" + std::to_string(index) + " is in progress.");
        settle(p, original, live, change);
        return std::optional{change};
    }
    const ids adding = filter(*target, original, false);
    const ids removing = filter(original, *target, false);
    ids replicas = *target;
    replicas.insert(replicas.end(), removing.begin(), removing.end());
    if (replicas != p.replicas) change.replicas = replicas;
    if (adding != p.adding_replicas) change.adding_replicas = adding;
    if (removing != p.removing_replicas) change.removing_replicas = removing;
    // Replicas a replaced reassignment was adding and this one is not leave the ISR (and the lead).
    restrict_to(after(p, change), replicas, live, change);
    complete_if_caught_up(after(p, change), *target, live, change);
    if (!changes_something(change)) return std::optional<partition_change_record>{};
    return std::optional{change};
}

void complete_reassignment_if_done(const partition_state& before, partition_change_record& change,
                                   const broker_set& live) {
    if (!before.reassigning()) return;
    const partition_state next = after(before, change);
    complete_if_caught_up(next, filter(next.replicas, next.removing_replicas, false), live, change);
}

}  // namespace sluice::metadata
