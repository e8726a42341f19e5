#include "engine/client/broker_address.h"

#include <charconv>

namespace sluice::client {

result<broker_address> parse_broker_address(const std::string& address) {
    using protocol::error_code;
    auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == address.size())
        return make_error(error_code::invalid_config, "broker address must be host:port, got '" + address + "'");
    broker_address out;
    out.host = address.substr(0, colon);
    if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']')
        out.host = out.host.substr(1, out.host.size() - 2);
    out.port = address.substr(colon + 1);
    unsigned number = 0;
    auto [end, parse_error] = std::from_chars(out.port.data(), out.port.data() + out.port.size(), number);
    if (parse_error != std::errc{} || end != out.port.data() + out.port.size() || number > 65535)
        return make_error(error_code::invalid_config, "bad port in broker address '" + address + "'");
    out.port_number = static_cast<uint16_t>(number);
    return out;
}

}  // namespace sluice::client
