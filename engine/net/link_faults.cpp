#include "engine/net/link_faults.h"

#include <algorithm>

namespace sluice::net {

link_faults::watch::~watch() {
    if (auto owner = owner_.lock(); owner && id_ != 0) owner->unwatch(id_);
}

link_faults::watch& link_faults::watch::operator=(watch&& other) noexcept {
    if (this == &other) return *this;
    if (auto owner = owner_.lock(); owner && id_ != 0) owner->unwatch(id_);
    owner_ = std::move(other.owner_);
    id_ = std::exchange(other.id_, 0);
    return *this;
}

void link_faults::cut(int32_t from, int32_t to) {
    std::lock_guard lock(mutex_);
    faults_[{from, to}].cut = true;
    // Under the lock, so that a watch being destroyed on its own thread waits for this call to finish.
    for (const auto& [id, w] : watchers_)
        if (w.link == key{from, to}) w.on_cut();
}

void link_faults::delay(int32_t from, int32_t to, std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    faults_[{from, to}].delay = std::max(delay, std::chrono::milliseconds(0));
    tidy({from, to});
}

void link_faults::drop(int32_t from, int32_t to, double probability) {
    std::lock_guard lock(mutex_);
    faults_[{from, to}].drop_probability = std::clamp(probability, 0.0, 1.0);
    tidy({from, to});
}

void link_faults::heal(int32_t from, int32_t to) {
    std::lock_guard lock(mutex_);
    faults_.erase({from, to});
}

void link_faults::heal() {
    std::lock_guard lock(mutex_);
    faults_.clear();
}

link_fault link_faults::fault(int32_t from, int32_t to) const {
    std::lock_guard lock(mutex_);
    auto it = faults_.find({from, to});
    return it == faults_.end() ? link_fault{} : it->second;
}

bool link_faults::lose_request(int32_t from, int32_t to) {
    std::lock_guard lock(mutex_);
    auto it = faults_.find({from, to});
    if (it == faults_.end() || it->second.drop_probability <= 0.0) return false;
    return std::uniform_real_distribution<double>(0.0, 1.0)(random_) < it->second.drop_probability;
}

link_faults::watch link_faults::watch_cuts(int32_t from, int32_t to, std::function<void()> on_cut) {
    std::lock_guard lock(mutex_);
    uint64_t id = next_watch_++;
    watchers_.emplace(id, watcher{{from, to}, std::move(on_cut)});
    return watch(weak_from_this(), id);
}

void link_faults::unwatch(uint64_t id) {
    std::lock_guard lock(mutex_);
    watchers_.erase(id);
}

void link_faults::tidy(const key& k) {
    auto it = faults_.find(k);
    if (it != faults_.end() && it->second.healthy()) faults_.erase(it);
}

}  // namespace sluice::net
