#include "engine/broker/listeners.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace sluice::broker {

namespace {

error bad(std::string message) { return make_error(protocol::error_code::invalid_config, std::move(message)); }

// "host:port" or "[v6]:port" → host and port; the error names the config and the item.
result<std::pair<std::string, uint16_t>> parse_endpoint(std::string_view config_name, std::string_view item,
                                                        std::string_view endpoint) {
    auto colon = endpoint.rfind(':');
    if (colon == std::string_view::npos)
        return bad(std::string(config_name) + ": expected host:port in '" + std::string(item) + "'");
    std::string host(endpoint.substr(0, colon));
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    auto digits = endpoint.substr(colon + 1);
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size() || port > 65535)
        return bad(std::string(config_name) + ": invalid port '" + std::string(digits) + "' in '" + std::string(item) +
                   "' (0-65535)");
    return std::pair{host, static_cast<uint16_t>(port)};
}

}  // namespace

result<std::vector<listener>> parse_listeners(std::string_view config_name, std::string_view text,
                                              std::string_view protocol_map,
                                              const std::vector<std::string>& controller_names) {
    std::map<std::string, std::string> protocols;
    for (const auto& entry : split_config_list(protocol_map)) {
        auto colon = entry.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == entry.size())
            return bad("listener.security.protocol.map: expected NAME:PROTOCOL, got '" + entry + "'");
        protocols[entry.substr(0, colon)] = entry.substr(colon + 1);
    }
    std::vector<listener> out;
    std::set<std::string> names;
    for (const auto& item : split_config_list(text)) {
        auto scheme = item.find("://");
        if (scheme == std::string::npos || scheme == 0)
            return bad(std::string(config_name) + ": expected NAME://host:port, got '" + item + "'");
        listener l;
        l.name = item.substr(0, scheme);
        auto endpoint = parse_endpoint(config_name, item, std::string_view(item).substr(scheme + 3));
        if (!endpoint) return endpoint.err();
        l.host = endpoint->first;
        l.port = endpoint->second;
        if (auto p = protocols.find(l.name); p != protocols.end()) l.security_protocol = p->second;
        else if (std::find(controller_names.begin(), controller_names.end(), l.name) != controller_names.end())
            l.security_protocol = "PLAINTEXT";
        else
            return bad(std::string(config_name) + ": no security protocol is defined for listener " + l.name +
                       " (add it to listener.security.protocol.map)");
        if (!names.insert(l.name).second)
            return bad(std::string(config_name) + ": listener name " + l.name + " appears more than once");
        out.push_back(std::move(l));
    }
    return out;
}

result<std::vector<quorum_voter>> parse_quorum_voters(std::string_view text) {
    std::vector<quorum_voter> out;
    std::set<int32_t> ids;
    for (const auto& item : split_config_list(text)) {
        auto at = item.find('@');
        int32_t id = -1;
        auto [ptr, ec] = std::from_chars(item.data(), item.data() + (at == std::string::npos ? 0 : at), id);
        if (at == std::string::npos || at == 0 || ec != std::errc{} || ptr != item.data() + at || id < 0)
            return bad("controller.quorum.voters: expected id@host:port with a non-negative id, got '" + item + "'");
        auto endpoint = parse_endpoint("controller.quorum.voters", item, std::string_view(item).substr(at + 1));
        if (!endpoint) return endpoint.err();
        if (endpoint->first.empty() || endpoint->second == 0)
            return bad("controller.quorum.voters: '" + item + "' needs a host and a port other than 0");
        if (!ids.insert(id).second)
            return bad("controller.quorum.voters: voter id " + std::to_string(id) + " appears more than once");
        out.push_back({id, endpoint->first, endpoint->second});
    }
    return out;
}

}  // namespace sluice::broker
