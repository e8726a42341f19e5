// Asking another thread's executor for an answer from a coroutine, and getting it back on the coroutine's own
// executor: how a handler on the node's io thread waits for the metadata quorum's thread (a raft request,
// a proposal, DescribeQuorum). The waiting side parks on a timer of its own executor, as the handlers' other
// asynchronous completions (long-poll Fetch, acks=all) do; the answering side only ever posts to it, so the
// timer and the answer are touched on the waiting thread alone.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include "engine/common/asio.h"

namespace sluice::broker {

// Where an answer lands: owned by the waiting coroutine's executor.
template <class T>
struct reply_slot {
    explicit reply_slot(asio::any_io_executor ex) : timer(std::move(ex), asio::steady_timer::time_point::max()) {}
    asio::steady_timer timer;
    std::optional<T> value;
    bool done = false;  // answered, or the answering side gave up (then value is empty)
};

// The answering side's handle: call it once with the answer. Destroyed unanswered (a request dropped at
// shutdown, a waiter that expired), it tells the waiter "no answer", so nobody waits for its bound in vain.
template <class T>
class reply {
public:
    reply(asio::any_io_executor caller, std::shared_ptr<reply_slot<T>> slot)
        : caller_(std::move(caller)), slot_(std::move(slot)) {}
    reply(reply&& other) noexcept : caller_(std::move(other.caller_)), slot_(std::move(other.slot_)) {}
    reply& operator=(reply&& other) noexcept {
        if (this != &other) {
            if (slot_) send(std::nullopt);
            caller_ = std::move(other.caller_);
            slot_ = std::move(other.slot_);
        }
        return *this;
    }
    reply(const reply&) = delete;
    reply& operator=(const reply&) = delete;
    ~reply() {
        if (slot_) send(std::nullopt);
    }

    void operator()(T value) {
        if (slot_) send(std::optional<T>(std::move(value)));
    }

private:
    void send(std::optional<T> value) {
        asio::post(caller_, [slot = std::move(slot_), value = std::move(value)]() mutable {
            slot->value = std::move(value);
            slot->done = true;
            slot->timer.cancel();
        });
    }

    asio::any_io_executor caller_;
    std::shared_ptr<reply_slot<T>> slot_;
};

// Posts `start(reply<T>)` to `target` and waits, at most `bound`, for the reply on the caller's executor.
// Empty when the bound passed or the answering side dropped the reply.
template <class T, class Start>
awaitable<std::optional<T>> ask_on(asio::any_io_executor target, std::chrono::milliseconds bound, Start start) {
    auto caller = co_await asio::this_coro::executor;
    auto slot = std::make_shared<reply_slot<T>>(caller);
    slot->timer.expires_after(bound);
    asio::post(target, [start = std::move(start), r = reply<T>(caller, slot)]() mutable { start(std::move(r)); });
    if (!slot->done) {
        boost::system::error_code ec;
        co_await slot->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!slot->done) co_return std::nullopt;
    co_return std::move(slot->value);
}

}  // namespace sluice::broker
