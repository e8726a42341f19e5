// The node's log maintenance: retention every log.retention.check.interval.ms, compaction every
// log.cleaner.backoff.ms, and idle idempotent producers forgotten (producer.id.expiration.ms) every
// producer.id.expiration.check.interval.ms. A compaction is planned and committed on the node's io thread and built on
// the one cleaner thread (Kafka's log.cleaner.threads=1), so producers and consumers never wait for a pass.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "engine/broker/log_manager.h"
#include "engine/common/asio.h"
#include "engine/metadata/config_values.h"

namespace sluice::broker {

class log_maintenance {
public:
    log_maintenance(asio::io_context& io, log_manager& logs, const metadata::config_values& config);
    ~log_maintenance();
    log_maintenance(const log_maintenance&) = delete;
    log_maintenance& operator=(const log_maintenance&) = delete;

    // Starts the cleaner thread and both timers. Call once, before the io_context runs.
    void start();
    // Asks a build in progress to give up (from any thread), so that a stop is not held up by it.
    void cancel_cleaning() { cancel_.store(true); }
    // Cancels the timers; on the io thread. Work that comes back from the cleaner afterwards is discarded.
    void stop();
    // Joins the cleaner thread; after the io thread has stopped.
    void join();

private:
    void schedule_retention();
    void schedule_cleaner();
    void schedule_producer_expiration();
    // One compaction at a time, then the next partition due after this one, so a round covers each in turn.
    void start_next_compaction(const std::optional<std::pair<std::string, int32_t>>& after);
    bool submit(std::function<void()> work);
    void run_cleaner();

    asio::io_context& io_;
    log_manager& logs_;
    const metadata::config_values& config_;
    asio::steady_timer retention_timer_;
    asio::steady_timer cleaner_timer_;
    asio::steady_timer producer_timer_;
    bool stopped_ = false;   // io thread only
    bool cleaning_ = false;  // io thread only: a task is with the cleaner thread or on its way back

    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;  // guarded by mutex_
    std::atomic<bool> cancel_{false};
    std::thread thread_;
};

}  // namespace sluice::broker
