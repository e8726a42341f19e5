#include "engine/broker/quorum_peer.h"

#include <algorithm>

#include "engine/common/clock.h"

namespace sluice::broker {

using protocol::error_code;

quorum_peer::quorum_peer(asio::any_io_executor executor, int32_t id, std::string address, int64_t backoff_min_ms,
                         int64_t backoff_max_ms, std::optional<net::link> link, client::client_security security)
    : executor_(std::move(executor)),
      id_(id),
      address_(std::move(address)),
      backoff_min_ms_(std::max<int64_t>(1, backoff_min_ms)),
      backoff_max_ms_(std::max(backoff_min_ms, backoff_max_ms)),
      backoff_ms_(backoff_min_ms_),
      link_(std::move(link)),
      security_(std::move(security)) {}

quorum_peer::~quorum_peer() { close(); }

void quorum_peer::reset() {
    if (connection_) connection_->close();
    connection_.reset();
}

void quorum_peer::close() {
    closed_ = true;
    reset();
    for (auto& t : waiting_) t->cancel();
    waiting_.clear();
}

awaitable<result<client::async_connection*>> quorum_peer::connection() {
    auto unreachable = [this] {
        return make_error(error_code::network_exception, "quorum: voter " + std::to_string(id_) + " at " + address_ +
                                                             " is not reachable");
    };
    if (closed_) co_return unreachable();
    if (connection_ && connection_->is_open()) co_return connection_.get();
    if (connecting_) {
        auto timer = std::make_shared<asio::steady_timer>(executor_, std::chrono::seconds(30));
        waiting_.push_back(timer);
        boost::system::error_code ec;
        co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (!closed_ && connection_ && connection_->is_open()) co_return connection_.get();
        co_return unreachable();
    }
    if (steady_clock_ms() < retry_at_ms_) co_return unreachable();
    connection_.reset();
    connecting_ = true;
    client::connection_options options;
    options.client_id = "sluice-quorum";
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.link = link_;
    options.security = security_;
    auto opened = co_await client::async_connection::open(executor_, address_, options);
    connecting_ = false;
    auto waiters = std::move(waiting_);
    waiting_.clear();
    if (opened && !closed_) {
        connection_ = std::move(opened.value());
        backoff_ms_ = backoff_min_ms_;
    } else {
        retry_at_ms_ = steady_clock_ms() + backoff_ms_;
        backoff_ms_ = std::min(backoff_max_ms_, backoff_ms_ * 2);
    }
    for (auto& t : waiters) t->cancel();
    if (!connection_) co_return unreachable();
    co_return connection_.get();
}

}  // namespace sluice::broker
