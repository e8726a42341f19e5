#include "engine/broker/node_listeners.h"

#include <algorithm>
#include <map>

namespace sluice::broker {

namespace {
error bad(std::string message) { return make_error(protocol::error_code::invalid_config, std::move(message)); }
}  // namespace

result<std::unique_ptr<node_listeners>> node_listeners::bind(asio::io_context& io, metadata::config_values& values,
                                                             const std::string& host, uint16_t port,
                                                             const net::server_limits& limits,
                                                             const handler_factory& handlers) {
    auto controller_names = split_config_list(values.get_string("controller.listener.names"));
    auto protocol_map = values.get_string("listener.security.protocol.map");
    std::vector<listener> configured;
    if (values.has("listeners")) {
        auto parsed = parse_listeners("listeners", values.get_string("listeners"), protocol_map, controller_names);
        if (!parsed) return parsed.err();
        configured = std::move(parsed.value());
    }
    if (configured.empty()) configured.push_back({"PLAINTEXT", host, port, "PLAINTEXT"});
    // The client listener first: the node registers it and answers with it when nothing else is known.
    auto client = std::find_if(configured.begin(), configured.end(), [&](const listener& l) {
        return std::find(controller_names.begin(), controller_names.end(), l.name) == controller_names.end();
    });
    if (client == configured.end()) client = configured.begin();
    client->host = host;
    client->port = port;
    std::rotate(configured.begin(), client, client + 1);

    std::map<std::string, listener> advertised;
    if (auto text = values.get_string("advertised.listeners"); !text.empty()) {
        auto parsed = parse_listeners("advertised.listeners", text, protocol_map, controller_names);
        if (!parsed) return parsed.err();
        for (auto& l : parsed.value()) {
            if (std::none_of(configured.begin(), configured.end(), [&](const listener& c) { return c.name == l.name; }))
                return bad("advertised.listeners: " + l.name + " is not one of the listeners");
            advertised[l.name] = std::move(l);
        }
    }

    auto out = std::make_unique<node_listeners>();
    std::string bound_text, advertised_text;
    for (const auto& l : configured) {
        auto security = listener_security_for(values, l);
        if (!security) return security.err();
        auto b = std::make_unique<bound_listener>();
        b->context.name = l.name;
        b->context.protocol = security->protocol;
        if (security::uses_sasl(security->protocol)) {
            auto sasl = sasl_settings_for(values, l.name);
            if (!sasl) return sasl.err();
            b->context.sasl = std::move(sasl.value());
        }
        std::string bind_host = l.host.empty() ? "0.0.0.0" : l.host;
        auto server =
            net::tcp_server::start(io, bind_host, l.port, limits, handlers(b->context), std::move(security.value()));
        if (!server) return make_error(server.err().code, "listener " + l.name + ": " + server.err().message);
        b->server = std::move(server.value());
        int32_t bound_port = b->server->port();
        // Advertise what was configured, else the bound address (a wildcard bind advertises the node's host).
        auto a = advertised.find(l.name);
        b->context.advertised_host = a != advertised.end() && !a->second.host.empty() ? a->second.host
                                     : l.host.empty() || l.host == "0.0.0.0"          ? host
                                                                                      : l.host;
        b->context.advertised_port = a != advertised.end() && a->second.port != 0 ? a->second.port : bound_port;
        bound_text += (bound_text.empty() ? "" : ",") + l.name + "://" + l.host + ":" + std::to_string(bound_port);
        bool controller = std::find(controller_names.begin(), controller_names.end(), l.name) != controller_names.end();
        b->controller = controller;
        if (!controller)  // as Kafka's default: the listeners, less the controller's own
            advertised_text += (advertised_text.empty() ? "" : ",") + l.name + "://" + b->context.advertised_host +
                               ":" + std::to_string(b->context.advertised_port);
        out->bound_.push_back(std::move(b));
    }
    (void)values.set("listeners", bound_text);
    if (!values.has("advertised.listeners") || values.get_string("advertised.listeners").empty())
        (void)values.set("advertised.listeners", advertised_text);
    return out;
}

std::vector<metadata::broker_endpoint> node_listeners::client_endpoints() const {
    std::vector<metadata::broker_endpoint> out;
    for (const auto& b : bound_)
        if (!b->controller || b.get() == bound_.front().get())  // the primary even when all are controllers'
            out.push_back({b->context.name, b->context.advertised_host, b->context.advertised_port,
                           static_cast<int16_t>(b->context.protocol)});
    return out;
}

const listener_context* node_listeners::controller() const {
    for (const auto& b : bound_)
        if (b->controller) return &b->context;
    return nullptr;
}

void node_listeners::stop() {
    for (auto& b : bound_) b->server->stop();
}

}  // namespace sluice::broker
