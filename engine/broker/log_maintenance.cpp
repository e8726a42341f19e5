#include "engine/broker/log_maintenance.h"

#include "engine/common/clock.h"
#include "engine/storage/log_cleaner.h"

namespace sluice::broker {

log_maintenance::log_maintenance(asio::io_context& io, log_manager& logs, const metadata::config_values& config)
    : io_(io), logs_(logs), config_(config), retention_timer_(io), cleaner_timer_(io), producer_timer_(io) {}

log_maintenance::~log_maintenance() { join(); }

void log_maintenance::start() {
    thread_ = std::thread([this] { run_cleaner(); });
    schedule_retention();
    schedule_cleaner();
    schedule_producer_expiration();
}

void log_maintenance::stop() {
    stopped_ = true;
    cancel_cleaning();
    retention_timer_.cancel();
    cleaner_timer_.cancel();
    producer_timer_.cancel();
}

void log_maintenance::join() {
    cancel_cleaning();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void log_maintenance::schedule_retention() {
    retention_timer_.expires_after(std::chrono::milliseconds(config_.get_int("log.retention.check.interval.ms")));
    retention_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        logs_.apply_retention(wall_clock_ms());
        schedule_retention();
    });
}

void log_maintenance::schedule_producer_expiration() {
    producer_timer_.expires_after(
        std::chrono::milliseconds(config_.get_int("producer.id.expiration.check.interval.ms")));
    producer_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        logs_.expire_producers(wall_clock_ms(), config_.get_int("producer.id.expiration.ms"));
        schedule_producer_expiration();
    });
}

void log_maintenance::schedule_cleaner() {
    if (!config_.get_bool("log.cleaner.enable")) return;
    cleaner_timer_.expires_after(std::chrono::milliseconds(config_.get_int("log.cleaner.backoff.ms")));
    cleaner_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        start_next_compaction(std::nullopt);
        schedule_cleaner();
    });
}

void log_maintenance::start_next_compaction(const std::optional<std::pair<std::string, int32_t>>& after) {
    if (stopped_ || cleaning_) return;
    auto planned = logs_.plan_compaction(wall_clock_ms(), after);
    if (!planned) return;
    auto task = std::make_shared<log_manager::compaction_task>(std::move(*planned));
    cleaning_ = true;
    const bool queued = submit([this, task] {
        auto built = storage::log_cleaner::build(task->job, &cancel_);
        // Never runs if the node stops first: the task's destructor only closes files (leftover .cleaned
        // files are removed when the log is next opened).
        asio::post(io_, [this, task, built = std::move(built)] {
            cleaning_ = false;
            if (stopped_) {
                storage::log_cleaner::discard(task->job);
                return;
            }
            logs_.finish_compaction(*task, built);
            start_next_compaction(std::pair<std::string, int32_t>(task->topic, task->index));
        });
    });
    if (!queued) cleaning_ = false;
}

bool log_maintenance::submit(std::function<void()> work) {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    queue_.push_back(std::move(work));
    cv_.notify_one();
    return true;
}

void log_maintenance::run_cleaner() {
    for (;;) {
        std::function<void()> work;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            work = std::move(queue_.front());
            queue_.pop_front();
        }
        work();
    }
}

}  // namespace sluice::broker
