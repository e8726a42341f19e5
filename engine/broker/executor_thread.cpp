#include "engine/broker/executor_thread.h"

namespace sluice::broker {

executor_thread::executor_thread() : work_(asio::make_work_guard(io_)) {}

executor_thread::~executor_thread() { stop(); }

void executor_thread::start() {
    if (!thread_.joinable()) thread_ = std::thread([this] { io_.run(); });
}

void executor_thread::stop() {
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
}

}  // namespace sluice::broker
