// Opening a listening socket the way every server of the engine does (Kafka's listeners, /metrics): reuse the
// address so a restarted node gets its port back at once, and the system's largest backlog.
#pragma once
#include <boost/system/error_code.hpp>

#include "engine/common/asio.h"

namespace sluice {

// Opens, binds and listens `acceptor` on `endpoint`; the first failure's error, or none. Each caller words the
// failure with its own Kafka error code (a bad listener is not a bad metrics port).
boost::system::error_code listen_on(tcp::acceptor& acceptor, const tcp::endpoint& endpoint);

}  // namespace sluice
