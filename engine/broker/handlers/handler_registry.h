// The one list of Kafka APIs this broker serves: key, the version range it implements completely, and the
// handler. ApiVersions answers from this list, so what is advertised is exactly what is registered.
#pragma once
#include <span>

#include "engine/broker/broker_context.h"

namespace sluice::broker {

using raw_handler = awaitable<net::handler_outcome> (*)(request_context&, protocol::wire_reader&);

// Where a request is served: here, or (admin changes) by the active controller.
enum class served_by { any_node, controller };

struct handler_entry {
    protocol::api_key key;
    int16_t min_version;
    int16_t max_version;
    raw_handler handle;
    // served_by::controller: a node that is not the active controller forwards the request to it and relays
    // its answer (KIP-590), so a client may send admin requests to any broker, as with Kafka in KRaft mode.
    served_by where = served_by::any_node;
    // For a request the ACL authorizer allows or refuses as a whole (on the cluster): whether this client may.
    // A forwarded request reaches the controller as this node's principal (User:ANONYMOUS on the plaintext
    // link between nodes, a super user), so the receiving node decides here, before forwarding; a refused
    // request is answered locally with the refusal.
    bool (*authorized)(const request_context&) = nullptr;
};

std::span<const handler_entry> handler_table();
const handler_entry* find_handler(int16_t api_key);

// Decodes a request frame that arrived on `listener`, routes it and encodes the answer (or asks to close the
// connection). Until a SASL listener's connection has authenticated only the handshake APIs are served.
awaitable<net::handler_outcome> dispatch_request(broker_context& broker, const listener_context& listener,
                                                 net::connection_info& connection, protocol::bytes frame);

}  // namespace sluice::broker
