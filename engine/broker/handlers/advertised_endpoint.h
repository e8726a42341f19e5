// Where a client should reach a broker: this node at the address of the listener the request came in on
// (a client of the SASL_SSL listener is sent to the SASL_SSL port), another node where it registered.
#pragma once
#include <string>

#include "engine/broker/broker_context.h"
#include "engine/metadata/metadata_image.h"

namespace sluice::broker {

struct advertised_endpoint {
    std::string host;
    int32_t port = 0;
};

inline advertised_endpoint endpoint_for(const request_context& ctx, const metadata::broker_registration& b) {
    if (b.id == ctx.broker.node_id) return {ctx.listener.advertised_host, ctx.listener.advertised_port};
    return {b.host, b.port};
}

}  // namespace sluice::broker
