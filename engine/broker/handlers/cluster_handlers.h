// Handlers of the APIs about partition replicas and leadership: AlterPartition (brokers to the controller),
// ElectLeaders and partition reassignment (admins to the controller), OffsetForLeaderEpoch (partition leaders).
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/alter_partition.h"
#include "engine/protocol/messages/alter_partition_reassignments.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/list_partition_reassignments.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"

namespace sluice::broker {

awaitable<std::optional<protocol::elect_leaders_response>> handle_elect_leaders(request_context&,
                                                                                protocol::elect_leaders_request&);
awaitable<std::optional<protocol::alter_partition_reassignments_response>> handle_alter_partition_reassignments(
    request_context&, protocol::alter_partition_reassignments_request&);
awaitable<std::optional<protocol::list_partition_reassignments_response>> handle_list_partition_reassignments(
    request_context&, protocol::list_partition_reassignments_request&);
awaitable<std::optional<protocol::offset_for_leader_epoch_response>> handle_offset_for_leader_epoch(
    request_context&, protocol::offset_for_leader_epoch_request&);

awaitable<std::optional<protocol::alter_partition_response>> handle_alter_partition(request_context&,
                                                                                    protocol::alter_partition_request&);

}  // namespace sluice::broker
