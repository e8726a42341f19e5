// How this node's own connections to the other nodes are secured, as Kafka's brokers do it: each is a client
// of the listener it reaches — the inter-broker listener (the primary one here) for replication, ISR changes
// and the quorum when the voters name client ports; the controller listener when there is one — with that
// listener's trust store (and its key store, for listeners that require client certificates),
// ssl.endpoint.identification.algorithm, and SASL with sasl.mechanism.inter.broker.protocol (or
// sasl.mechanism.controller.protocol) logging in with the username and password options of
// listener.name.<listener>.<mechanism>.sasl.jaas.config.
#pragma once
#include <string_view>

#include "engine/broker/listener_config.h"
#include "engine/broker/node_listeners.h"
#include "engine/client/client_security.h"
#include "engine/common/result.h"
#include "engine/metadata/config_values.h"

namespace sluice::broker {

// INVALID_CONFIG naming the setting when the listener needs SASL and the mechanism or its login is missing,
// or its TLS files do not load.
result<client::client_security> peer_security_for(const metadata::config_values& values,
                                                  const listener_context& listener, std::string_view mechanism_config);

struct peer_securities {
    client::client_security brokers;      // replica fetchers, ISR changes: the inter-broker listener
    client::client_security controllers;  // the quorum and forwarding: the controller listener, else the same
};

// Both, for a node with peers (a node alone needs none). inter.broker.listener.name must be the primary
// listener: it is the endpoint the node registers for the others.
result<peer_securities> peer_security_of(const node_listeners& listeners, const metadata::config_values& values,
                                         bool has_peers);

}  // namespace sluice::broker
