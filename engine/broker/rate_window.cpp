#include "engine/broker/rate_window.h"

#include <algorithm>
#include <cmath>

namespace sluice::broker {

rate_window::rate_window(quota_window window) : window_(window) {
    window_.samples = std::max(window_.samples, 1);
    window_.sample_ms = std::max<int64_t>(window_.sample_ms, 1);
    samples_.reserve(static_cast<std::size_t>(window_.samples));
}

void rate_window::record(double value, int64_t now_ms) {
    if (samples_.empty()) samples_.push_back({now_ms, 0});
    if (now_ms - samples_[current_].start_ms >= window_.sample_ms) {  // the current window is complete
        current_ = (current_ + 1) % static_cast<std::size_t>(window_.samples);
        if (current_ >= samples_.size())
            samples_.push_back({now_ms, 0});
        else
            samples_[current_] = {now_ms, 0};
    }
    samples_[current_].value += value;
}

void rate_window::purge(int64_t now_ms) {
    const int64_t expire_ms = window_.samples * window_.sample_ms;
    for (auto& s : samples_)
        if (now_ms - s.start_ms >= expire_ms) s = {now_ms, 0};
}

int64_t rate_window::window_ms(int64_t now_ms) {
    purge(now_ms);
    int64_t oldest = now_ms;
    for (const auto& s : samples_) oldest = std::min(oldest, s.start_ms);
    int64_t elapsed = now_ms - oldest;
    const int64_t full_windows = elapsed / window_.sample_ms;
    const int64_t min_full_windows = window_.samples - 1;
    if (full_windows < min_full_windows) elapsed += (min_full_windows - full_windows) * window_.sample_ms;
    return std::max<int64_t>(elapsed, 1);
}

double rate_window::rate(int64_t now_ms) {
    const int64_t span = window_ms(now_ms);  // purges first, as Kafka's measure does
    double total = 0;
    for (const auto& s : samples_) total += s.value;
    return total * 1000.0 / static_cast<double>(span);
}

int64_t rate_window::throttle_ms(double limit, int64_t now_ms) {
    const double observed = rate(now_ms);
    if (observed <= limit) return 0;
    const int64_t max_ms = window_.samples * window_.sample_ms;
    if (limit <= 0) return max_ms;
    const double ms = (observed - limit) / limit * static_cast<double>(window_ms(now_ms));
    return std::min<int64_t>(std::llround(ms), max_ms);
}

}  // namespace sluice::broker
