#include "engine/storage/background_flusher.h"

#include "engine/common/log.h"

namespace sluice::storage {

background_flusher::background_flusher() : thread_([this] { run(); }) {}

background_flusher::~background_flusher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void background_flusher::sync_later(std::vector<file_handle> files) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(job{std::move(files), nullptr});
        ++queued_;
    }
    wake_.notify_one();
}

void background_flusher::run_later(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(job{{}, std::move(task)});
        ++queued_;
    }
    wake_.notify_one();
}

void background_flusher::drain() {
    std::unique_lock lock(mutex_);
    const uint64_t target = queued_;
    idle_.wait(lock, [&] { return completed_ >= target; });
}

uint64_t background_flusher::completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
}

uint64_t background_flusher::failures() const {
    std::lock_guard lock(mutex_);
    return failures_;
}

void background_flusher::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything queued is done
        auto next = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        uint64_t failed = 0;
        if (next.task) next.task();
        for (auto& file : next.files) {
            if (auto synced = file.sync(); !synced) {
                log_warning("background flush: " + synced.err().message);
                ++failed;
            }
            file.close();
        }
        lock.lock();
        failures_ += failed;
        ++completed_;
        idle_.notify_all();
    }
}

}  // namespace sluice::storage
