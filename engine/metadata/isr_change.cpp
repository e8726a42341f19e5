#include "engine/metadata/isr_change.h"

#include <algorithm>
#include <set>

#include "engine/metadata/reassignment.h"

namespace sluice::metadata {

result<std::vector<metadata_record>> check_isr_change(const metadata_image& image, const topic_state& topic,
                                                      int32_t partition_index, const isr_change_request& change) {
    using protocol::error_code;
    auto it = topic.partitions.find(partition_index);
    const std::string name = topic.name + "-" + std::to_string(partition_index);
    if (it == topic.partitions.end())
        return make_error(error_code::unknown_topic_or_partition, "No partition " + name + ".");
    const partition_state& state = it->second;
    if (change.broker_id != state.leader || change.leader_epoch < state.leader_epoch)
        return make_error(error_code::fenced_leader_epoch, "Broker " + std::to_string(change.broker_id) +
                                                               " is not the leader of " + name + " at epoch " +
                                                               std::to_string(change.leader_epoch) + ".");
    if (change.leader_epoch > state.leader_epoch)
        return make_error(error_code::unknown_leader_epoch, "Leader epoch " + std::to_string(change.leader_epoch) +
                                                                " of " + name + " is newer than the controller's.");
    if (change.partition_epoch != state.partition_epoch)
        return make_error(error_code::invalid_update_version,
                          "Partition epoch " + std::to_string(change.partition_epoch) + " of " + name +
                              " is not the current " + std::to_string(state.partition_epoch) + ".");
    std::set<int32_t> seen;
    for (int32_t id : change.new_isr) {
        if (!seen.insert(id).second)
            return make_error(error_code::invalid_request,
                              "The new ISR of " + name + " lists broker " + std::to_string(id) + " twice.");
        // Kafka's eligibility: a replica of the partition, registered and not fenced. A fenced broker must
        // not come back through a leader's stale view of it (it was caught up when it went silent).
        const auto broker = image.brokers().find(id);
        if (std::find(state.replicas.begin(), state.replicas.end(), id) == state.replicas.end() ||
            broker == image.brokers().end() || broker->second.fenced)
            return make_error(error_code::ineligible_replica,
                              "Broker " + std::to_string(id) + " is not an eligible replica of " + name + ".");
    }
    if (!seen.contains(state.leader))
        return make_error(error_code::invalid_request, "The new ISR of " + name + " must contain its leader.");
    std::vector<int32_t> sorted_new(change.new_isr), sorted_old(state.isr);
    std::sort(sorted_new.begin(), sorted_new.end());
    std::sort(sorted_old.begin(), sorted_old.end());
    if (sorted_new == sorted_old) return std::vector<metadata_record>{};
    partition_change_record record;
    record.topic_id = topic.id;
    record.partition_id = partition_index;
    record.isr = change.new_isr;
    // The ISR a reassignment waited for completes it in the same record, as Kafka's controller does.
    complete_reassignment_if_done(state, record, live_brokers(image));
    return std::vector<metadata_record>{record};
}

}  // namespace sluice::metadata
