// Bounded waiting for cluster tests: polls a condition until it holds or the bound passes.
#pragma once
#include <chrono>
#include <functional>
#include <thread>

namespace sluice::testing {

inline bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds bound,
                       std::chrono::milliseconds every = std::chrono::milliseconds(50)) {
    auto end = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(every);
    }
    return pred();
}

}  // namespace sluice::testing
