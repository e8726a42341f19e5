// OffsetCommit, OffsetFetch, OffsetDelete: forwarded to the group coordinator.
#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

awaitable<std::optional<protocol::offset_commit_response>> handle_offset_commit(request_context& ctx,
                                                                                protocol::offset_commit_request& request) {
    co_return co_await ctx.broker.groups.commit_offsets(request);
}

awaitable<std::optional<protocol::offset_fetch_response>> handle_offset_fetch(request_context& ctx,
                                                                              protocol::offset_fetch_request& request) {
    co_return ctx.broker.groups.fetch_offsets(request, ctx.version());
}

awaitable<std::optional<protocol::offset_delete_response>> handle_offset_delete(request_context& ctx,
                                                                                protocol::offset_delete_request& request) {
    co_return ctx.broker.groups.delete_offsets(request);
}

}  // namespace sluice::broker
