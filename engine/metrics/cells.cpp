#include "engine/metrics/cells.h"

#include <algorithm>

namespace sluice::metrics {

histogram::histogram(std::span<const double> bounds)
    : bounds_(bounds), buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1)) {}

void histogram::observe(double v) {
    // The first bound >= v: Prometheus buckets are "less than or equal" (le).
    auto at = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
    buckets_[at].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(v, std::memory_order_relaxed);
}

std::vector<uint64_t> histogram::cumulative_counts() const {
    std::vector<uint64_t> out(bounds_.size() + 1);
    uint64_t running = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        out[i] = running;
    }
    return out;
}

}  // namespace sluice::metrics
