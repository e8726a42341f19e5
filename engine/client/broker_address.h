// A broker address as bootstrap.servers and Metadata give it: "host:port", or "[v6 address]:port".
#pragma once
#include <cstdint>
#include <string>

#include "engine/common/result.h"

namespace sluice::client {

struct broker_address {
    std::string host;  // without the brackets of an IPv6 literal
    std::string port;  // as written (the resolver's service argument)
    uint16_t port_number = 0;
};

// INVALID_CONFIG saying what is wrong: no "host:" part, no port, or a port that is not 0-65535.
result<broker_address> parse_broker_address(const std::string& address);

}  // namespace sluice::client
