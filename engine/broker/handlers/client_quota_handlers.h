// Declarations of the client quota admin handlers (KIP-546): DescribeClientQuotas, answered from this node's
// metadata image, and AlterClientQuotas, committed as ClientQuotaRecords by the active controller.
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/client_quotas.h"

namespace sluice::broker {

awaitable<std::optional<protocol::describe_client_quotas_response>> handle_describe_client_quotas(
    request_context&, protocol::describe_client_quotas_request&);
awaitable<std::optional<protocol::alter_client_quotas_response>> handle_alter_client_quotas(
    request_context&, protocol::alter_client_quotas_request&);

}  // namespace sluice::broker
