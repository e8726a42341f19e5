// Whether the client of a parked request is still there. A connection serves one request at a time and reads
// nothing while a handler runs, so a long-poll Fetch from a client that has since closed would otherwise keep
// its descriptor until the wait ends (with max_wait_ms = 2^31-1, for weeks). While a handler runs, the framing
// loop watches the socket for the peer's FIN; a handler that parks registers its timer here and is woken.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/common/asio.h"

namespace sluice::net {

class peer_watch {
public:
    bool closed() const { return closed_; }
    // A parked request's timer, cancelled when the peer closes; a timer already gone is skipped.
    void park(const std::shared_ptr<asio::steady_timer>& timer) {
        if (closed_)
            timer->cancel();
        else
            parked_.push_back(timer);
    }
    void mark_closed() {
        closed_ = true;
        for (auto& weak : parked_)
            if (auto timer = weak.lock()) timer->cancel();
        parked_.clear();
    }
    // The framing loop starts a watch per request and ends it when the handler returns; a readiness callback
    // from an ended watch is stale and ignored.
    uint64_t begin() {
        parked_.clear();
        return ++generation_;
    }
    void end() { ++generation_; }
    bool current(uint64_t generation) const { return generation == generation_; }

private:
    bool closed_ = false;
    uint64_t generation_ = 0;
    std::vector<std::weak_ptr<asio::steady_timer>> parked_;
};

}  // namespace sluice::net
