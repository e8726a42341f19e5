// Where a client should reach a broker: at the endpoint of the listener the request came in on (a client of
// the SASL_SSL listener is sent to every broker's SASL_SSL port, never to a port that would refuse it). This
// node answers with its own listener's advertised address.
#pragma once
#include <algorithm>
#include <optional>
#include <string>

#include "engine/broker/broker_context.h"
#include "engine/metadata/metadata_image.h"

namespace sluice::broker {

struct advertised_endpoint {
    std::string host;
    int32_t port = 0;
};

// Nothing when the broker does not serve that listener (Kafka leaves it out of Metadata). A broker registered
// by a version 0 record has no endpoints: its one address serves every client.
inline std::optional<advertised_endpoint> endpoint_for(const request_context& ctx,
                                                       const metadata::broker_registration& b) {
    if (b.id == ctx.broker.node_id)
        return advertised_endpoint{ctx.listener.advertised_host, ctx.listener.advertised_port};
    if (b.endpoints.empty()) return advertised_endpoint{b.host, b.port};
    auto e = std::find_if(b.endpoints.begin(), b.endpoints.end(),
                          [&](const metadata::broker_endpoint& e) { return e.name == ctx.listener.name; });
    if (e == b.endpoints.end()) return std::nullopt;
    return advertised_endpoint{e->host, e->port};
}

}  // namespace sluice::broker
