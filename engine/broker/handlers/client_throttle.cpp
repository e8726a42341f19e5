#include "engine/broker/handlers/client_throttle.h"

#include <algorithm>
#include <limits>

#include "engine/common/clock.h"

namespace sluice::broker {

int32_t throttle_client(request_context& ctx, quota_kind kind, int64_t bytes) {
    // Kafka's quota user is the principal's name (ANONYMOUS on a plaintext listener).
    const int64_t ms = ctx.broker.quotas.record(kind, ctx.broker.controller.image(), ctx.connection.principal.name,
                                                ctx.header.client_id.value_or(""), bytes, steady_clock_ms());
    if (ms <= 0) return 0;
    ctx.connection.mute_ms = std::max(ctx.connection.mute_ms, ms);
    return static_cast<int32_t>(std::min<int64_t>(ms, std::numeric_limits<int32_t>::max()));
}

}  // namespace sluice::broker
