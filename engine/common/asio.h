// The one way the engine includes Boost.Asio: Boost 1.74's awaitable.hpp uses std::exchange without
// including <utility>, which GCC 12 in C++20 mode does not pull in transitively.
#pragma once
#include <utility>
#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace sluice {
namespace asio = boost::asio;
using tcp = boost::asio::ip::tcp;
template <class T> using awaitable = boost::asio::awaitable<T>;
}  // namespace sluice
