// Kafka's sampled rate (org.apache.kafka.common.metrics.stats.Rate over SampledStat), as client quotas use it:
// `samples` windows of `sample_ms` each in a ring; a value goes into the current window, a window older than
// the whole span is forgotten, and the rate is the sum over the retained windows divided by the time they
// cover, never less than samples - 1 whole windows (so a fresh client is not judged on a few milliseconds).
// A few numbers per client: recording costs no allocation and no lookup.
#pragma once
#include <cstdint>
#include <vector>

namespace sluice::broker {

struct quota_window {
    int32_t samples = 11;      // quota.window.num
    int64_t sample_ms = 1000;  // quota.window.size.seconds, in ms
};

class rate_window {
public:
    explicit rate_window(quota_window window);

    void record(double value, int64_t now_ms);
    // Value per second over the window as of now_ms.
    double rate(int64_t now_ms);
    // The time the rate divides by (Kafka's Rate.windowSize), in ms.
    int64_t window_ms(int64_t now_ms);

    // How long the client must stay quiet for its rate to come back to `limit` (Kafka's
    // QuotaUtils.throttleTime: (rate - limit) / limit × window), at most the whole span; 0 when within it.
    int64_t throttle_ms(double limit, int64_t now_ms);

private:
    struct sample {
        int64_t start_ms = 0;
        double value = 0;
    };
    void purge(int64_t now_ms);

    quota_window window_;
    std::vector<sample> samples_;  // the ring, grown to window_.samples as windows start
    std::size_t current_ = 0;
};

}  // namespace sluice::broker
