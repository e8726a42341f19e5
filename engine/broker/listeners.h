// Kafka's listener configs: `listeners` / `advertised.listeners` as NAME://host:port lists, each name mapped
// to a security protocol by `listener.security.protocol.map`, and `controller.quorum.voters` as
// id@host:port lists. Parsing only; the node binds what these say.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/config_list.h"
#include "engine/common/result.h"

namespace sluice::broker {

struct listener {
    std::string name;               // PLAINTEXT, CONTROLLER, ...
    std::string host;               // "" binds every interface, as Kafka's PLAINTEXT://:9092
    uint16_t port = 0;              // 0 picks a free port
    std::string security_protocol;  // PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
};

struct quorum_voter {
    int32_t id = -1;
    std::string host;
    uint16_t port = 0;
};

// `text` is a listeners value; `protocol_map` the listener.security.protocol.map value. Names listed in
// `controller_names` that the map does not name are PLAINTEXT (what Kafka assumes for a KRaft controller).
result<std::vector<listener>> parse_listeners(std::string_view config_name, std::string_view text,
                                              std::string_view protocol_map,
                                              const std::vector<std::string>& controller_names = {});

// controller.quorum.voters: "1@host:9093,2@host:9093". Ids must be distinct and non-negative.
result<std::vector<quorum_voter>> parse_quorum_voters(std::string_view text);

using sluice::split_config_list;

}  // namespace sluice::broker
