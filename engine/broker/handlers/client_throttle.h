// The one step Produce and Fetch take for client quotas: count the request's bytes against the client's
// quota and, when it is over, mute its connection (KIP-219) and say for how long, for the response's
// throttle_time_ms. The response itself still goes out at once.
#pragma once
#include <cstdint>

#include "engine/broker/broker_context.h"
#include "engine/broker/client_quota_manager.h"

namespace sluice::broker {

// The throttle time in ms (0: within quota, or no quota applies).
int32_t throttle_client(request_context& ctx, quota_kind kind, int64_t bytes);

}  // namespace sluice::broker
