// The values behind one labelled sample: a counter, a gauge or a histogram. Each is a few relaxed atomics, so
// the hot path records without a lock. A scrape on another thread may see a histogram's sum one observation
// apart from its buckets; its count is the buckets' total, so count and the +Inf bucket always agree.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace sluice::metrics {

class counter {
public:
    void add(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    uint64_t value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<uint64_t> value_{0};
};

class gauge {
public:
    void set(double v) { value_.store(v, std::memory_order_relaxed); }
    double value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0};
};

class histogram {
public:
    // `bounds`: upper bounds, ascending, without +Inf (the catalog's buckets; they outlive the histogram).
    explicit histogram(std::span<const double> bounds);
    void observe(double v);

    std::span<const double> bounds() const { return bounds_; }
    // Observations <= bounds()[i], cumulative as Prometheus wants them; one more entry for +Inf (== count()).
    std::vector<uint64_t> cumulative_counts() const;
    uint64_t count() const { return cumulative_counts().back(); }
    double sum() const { return sum_.load(std::memory_order_relaxed); }

private:
    std::span<const double> bounds_;
    std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // per bucket, not cumulative; the last is +Inf
    std::atomic<double> sum_{0};
};

}  // namespace sluice::metrics
