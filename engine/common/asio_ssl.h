// Boost.Asio's TLS streams, always after the engine's Asio include (see asio.h for why the order matters).
#pragma once
#include "engine/common/asio.h"
// clang-format off: the wrapper above must come first
#include <boost/asio/ssl.hpp>
// clang-format on
