// The controller's checks of an ISR change a partition leader asks for (AlterPartition, KIP-497), against
// the metadata image, and the partition change record that commits it. Kafka's rules: the sender must be the
// leader, at the current leader epoch (else FENCED_LEADER_EPOCH) and partition epoch (else
// INVALID_UPDATE_VERSION); the new ISR must hold the leader and only replicas of the partition, and only
// registered brokers (INELIGIBLE_REPLICA). Asking for the ISR the partition already has is answered with
// the current state and no record. An ISR that holds every target replica of a reassignment in progress
// also completes it (reassignment.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"
#include "engine/metadata/metadata_records.h"

namespace sluice::metadata {

struct isr_change_request {
    int32_t broker_id = -1;  // the leader asking
    int32_t leader_epoch = -1;
    int32_t partition_epoch = -1;
    std::vector<int32_t> new_isr;
};

// The records to propose (one partition change; none when the ISR is already as asked), ready to be a
// metadata writer's plan; the error code says why it is refused.
result<std::vector<metadata_record>> check_isr_change(const metadata_image& image, const topic_state& topic,
                                                                int32_t partition_index, const isr_change_request& change);

}  // namespace sluice::metadata
