// A thread of its own running an io_context: the metadata quorum's "raft I/O thread", as Kafka's
// KafkaRaftClient has one. The owner posts work to executor(); call() runs a function there and waits for it
// (for synchronous callers on other threads: startup, shutdown, a quorum of one). stop() and the destructor
// stop the loop and join, so the thread never outlives its owner.
#pragma once
#include <future>
#include <memory>
#include <thread>
#include <type_traits>

#include "engine/common/asio.h"

namespace sluice::broker {

class executor_thread {
public:
    executor_thread();
    ~executor_thread();  // stop()
    executor_thread(const executor_thread&) = delete;
    executor_thread& operator=(const executor_thread&) = delete;

    asio::io_context& context() { return io_; }
    asio::any_io_executor executor() { return io_.get_executor(); }
    void start();
    // Stops the loop (handlers still queued are destroyed with the io_context, not run) and joins. Idempotent;
    // never call it from the thread itself.
    void stop();
    bool running() const { return thread_.joinable(); }
    bool on_this_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

    // Runs `f` on the thread and returns its result. The thread must be running and the caller another thread:
    // the thread never waits for its callers, so this cannot deadlock.
    template <class F>
    std::invoke_result_t<F&> call(F f) {
        using value = std::invoke_result_t<F&>;
        auto task = std::make_shared<std::packaged_task<value()>>(std::move(f));
        auto done = task->get_future();
        asio::post(io_, [task] { (*task)(); });
        return done.get();
    }

private:
    asio::io_context io_{1};
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::thread thread_;
};

}  // namespace sluice::broker
