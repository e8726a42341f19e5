// Declarations of the KRaft quorum API handlers: Vote, BeginQuorumEpoch, EndQuorumEpoch, FetchSnapshot and
// Fetch of __cluster_metadata-0 go to this node's raft voter; DescribeQuorum reports the quorum (the leader's
// view); BrokerRegistration records a broker on the active controller, BrokerHeartbeat keeps it unfenced.
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/begin_quorum_epoch.h"
#include "engine/protocol/messages/broker_heartbeat.h"
#include "engine/protocol/messages/broker_registration.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/protocol/messages/end_quorum_epoch.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/fetch_snapshot.h"
#include "engine/protocol/messages/vote.h"

namespace sluice::broker {

awaitable<std::optional<protocol::vote_response>> handle_vote(request_context&, protocol::vote_request&);
awaitable<std::optional<protocol::begin_quorum_epoch_response>> handle_begin_quorum_epoch(request_context&, protocol::begin_quorum_epoch_request&);
awaitable<std::optional<protocol::end_quorum_epoch_response>> handle_end_quorum_epoch(request_context&, protocol::end_quorum_epoch_request&);
awaitable<std::optional<protocol::fetch_snapshot_response>> handle_fetch_snapshot(request_context&, protocol::fetch_snapshot_request&);
awaitable<std::optional<protocol::describe_quorum_response>> handle_describe_quorum(request_context&, protocol::describe_quorum_request&);
awaitable<std::optional<protocol::broker_registration_response>> handle_broker_registration(request_context&, protocol::broker_registration_request&);
awaitable<std::optional<protocol::broker_heartbeat_response>> handle_broker_heartbeat(request_context&, protocol::broker_heartbeat_request&);

// Fetch: whether the request is a quorum fetch (it names __cluster_metadata), and its handler.
bool is_quorum_fetch(const protocol::fetch_request& request);
awaitable<std::optional<protocol::fetch_response>> handle_quorum_fetch(request_context&, protocol::fetch_request&);

}  // namespace sluice::broker
