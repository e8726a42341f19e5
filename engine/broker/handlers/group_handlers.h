// Declarations of the group coordinator's API handlers (FindCoordinator, membership, offsets, group admin).
// Each forwards to the node's group::group_coordinator (broker_context::groups).
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"
#include "engine/protocol/messages/sync_group.h"

namespace sluice::broker {

awaitable<std::optional<protocol::find_coordinator_response>> handle_find_coordinator(request_context&, protocol::find_coordinator_request&);
awaitable<std::optional<protocol::join_group_response>> handle_join_group(request_context&, protocol::join_group_request&);
awaitable<std::optional<protocol::sync_group_response>> handle_sync_group(request_context&, protocol::sync_group_request&);
awaitable<std::optional<protocol::heartbeat_response>> handle_heartbeat(request_context&, protocol::heartbeat_request&);
awaitable<std::optional<protocol::leave_group_response>> handle_leave_group(request_context&, protocol::leave_group_request&);
awaitable<std::optional<protocol::offset_commit_response>> handle_offset_commit(request_context&, protocol::offset_commit_request&);
awaitable<std::optional<protocol::offset_fetch_response>> handle_offset_fetch(request_context&, protocol::offset_fetch_request&);
awaitable<std::optional<protocol::offset_delete_response>> handle_offset_delete(request_context&, protocol::offset_delete_request&);
awaitable<std::optional<protocol::list_groups_response>> handle_list_groups(request_context&, protocol::list_groups_request&);
awaitable<std::optional<protocol::describe_groups_response>> handle_describe_groups(request_context&, protocol::describe_groups_request&);
awaitable<std::optional<protocol::delete_groups_response>> handle_delete_groups(request_context&, protocol::delete_groups_request&);

}  // namespace sluice::broker
