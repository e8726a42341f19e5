// The engine's clocks, in one place: wall time (timestamps clients see, retention, log append time) and a
// monotonic clock (timeouts, sessions, deadlines that must not jump with NTP).
#pragma once
#include <cstdint>

namespace sluice {

// Milliseconds since the Unix epoch.
int64_t wall_clock_ms();
// Milliseconds on a monotonic clock with an arbitrary origin: only differences mean anything.
int64_t steady_clock_ms();

}  // namespace sluice
