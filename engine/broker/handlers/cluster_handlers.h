// Handlers of the APIs brokers send each other about partitions (AlterPartition to the controller).
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/alter_partition.h"

namespace sluice::broker {

awaitable<std::optional<protocol::alter_partition_response>> handle_alter_partition(request_context&,
                                                                                    protocol::alter_partition_request&);

}  // namespace sluice::broker
