// A port nothing listens on right now on 127.0.0.1 (the kernel's pick), for a listener a test names in a
// node's `listeners` before starting it.
#pragma once
#include <cstdint>

#include "engine/common/asio.h"

namespace sluice::testing {

inline uint16_t free_loopback_port() {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

}  // namespace sluice::testing
