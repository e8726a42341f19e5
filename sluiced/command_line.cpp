#include "sluiced/command_line.h"

#include <algorithm>
#include <charconv>

#include "engine/broker/listeners.h"
#include "engine/metadata/config_values.h"

namespace sluice::daemon {

namespace {
error bad(std::string message) { return make_error(protocol::error_code::invalid_config, std::move(message)); }

bool parse_int(const std::string& text, int64_t min, int64_t max, int64_t& out) {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size() && out >= min && out <= max;
}

// The listener clients use: the first one that is not a controller listener (listeners=PLAINTEXT://h:p,
// CONTROLLER://h:p2 → h and p). The node binds the others itself.
result<void> apply_listener(const metadata::config_values& values, broker::node_config& node) {
    auto controllers = broker::split_config_list(values.get_string("controller.listener.names"));
    auto listeners = broker::parse_listeners("listeners", values.get_string("listeners"),
                                             values.get_string("listener.security.protocol.map"), controllers);
    if (!listeners) return listeners.err();
    for (const auto& l : listeners.value()) {
        if (std::find(controllers.begin(), controllers.end(), l.name) != controllers.end()) continue;
        if (!l.host.empty()) node.host = l.host;
        node.port = l.port;
        return {};
    }
    return bad("listeners: no listener for clients (every listener is in controller.listener.names)");
}
}  // namespace

std::string usage() {
    return "usage: sluiced --data-dir DIR [--port N] [--host ADDR] [--node-id N] [--nodes N [--control-stdin]]\n"
           "               [--metrics-port N [--metrics-host ADDR]]\n"
           "               [--config server.properties] [--set key=value ...]\n"
           "               [--add-scram 'SCRAM-SHA-512=[name=alice,password=alice-secret]' ...] [--secure DIR]\n"
           "Runs one Kafka-compatible broker node, or with --nodes N a local cluster of N nodes in this process\n"
           "(node ids 1..N on ports PORT..PORT+N-1, data in DIR/node-ID, all voters of the metadata quorum).\n"
           "A node of a multi-process cluster takes Kafka's KRaft configs: node.id, process.roles, listeners,\n"
           "controller.quorum.voters, log.dirs. Config keys are Kafka's (num.partitions, log.segment.bytes,\n"
           "log.retention.hours, auto.create.topics.enable, socket.request.max.bytes, ...). Flags win over\n"
           "--set, which wins over --config. --add-scram (kafka-storage.sh format's syntax; also iterations=N,\n"
           "salt=BASE64, saltedpassword=BASE64) creates a SCRAM user unless the metadata already has it.\n"
           "--secure DIR makes the node secure: a SASL_SSL listener (SCRAM-SHA-512) with a local CA made in DIR,\n"
           "the ACL authorizer, and a super user admin whose random password is kept in DIR/admin.password;\n"
           "DIR/kcat.conf and DIR/client.properties are the client settings (kcat -F DIR/kcat.conf -L); with\n"
           "--nodes, the nodes reach each other over the same listener (PLAIN as DIR/node.password's user).\n"
           "--metrics-port N serves Prometheus metrics (GET /metrics) on 127.0.0.1:N, or on --metrics-host;\n"
           "with --nodes, node ID serves its own on N+ID-1 (0 picks free ports, printed at startup).\n"
           "--control-stdin (tests): read one command a line from stdin, each answered by one line on stdout:\n"
           "  stop N | kill N | start N | cut A B | isolate A | delay A B MS | drop A B P | heal [A B] | status\n"
           "(status prints a JSON object; faults act on the links between nodes, not on clients). End of input\n"
           "leaves the cluster running.\n";
}

result<command_line> parse_command_line(const std::vector<std::string>& args) {
    command_line cl;
    metadata::config_values values;
    std::string data_dir, host, port, node_id, nodes, metrics_port, metrics_host;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](std::string& out) -> result<void> {
            if (i + 1 >= args.size()) return bad(arg + " needs a value");
            out = args[++i];
            return {};
        };
        std::string v;
        if (arg == "-h" || arg == "--help") {
            cl.show_help = true;
        } else if (arg == "--data-dir") {
            if (auto ok = value(data_dir); !ok) return ok.err();
        } else if (arg == "--port") {
            if (auto ok = value(port); !ok) return ok.err();
        } else if (arg == "--host") {
            if (auto ok = value(host); !ok) return ok.err();
        } else if (arg == "--metrics-port") {
            if (auto ok = value(metrics_port); !ok) return ok.err();
        } else if (arg == "--metrics-host") {
            if (auto ok = value(metrics_host); !ok) return ok.err();
        } else if (arg == "--nodes") {
            if (auto ok = value(nodes); !ok) return ok.err();
        } else if (arg == "--secure") {
            if (auto ok = value(v); !ok) return ok.err();
            if (v.empty()) return bad("--secure needs a directory");
            cl.secure_dir = v;
        } else if (arg == "--control-stdin") {
            cl.control_stdin = true;
        } else if (arg == "--node-id") {
            if (auto ok = value(node_id); !ok) return ok.err();
        } else if (arg == "--add-scram") {
            if (auto ok = value(v); !ok) return ok.err();
            auto seed = security::parse_add_scram(v);
            if (!seed) return seed.err();
            cl.node.scram_users.push_back(std::move(seed.value()));
        } else if (arg == "--config") {
            if (auto ok = value(v); !ok) return ok.err();
            if (auto ok = values.load_properties_file(v); !ok) return ok.err();
        } else if (arg == "--set") {
            if (auto ok = value(v); !ok) return ok.err();
            auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0) return bad("--set expects key=value, got '" + v + "'");
            if (auto ok = values.set(v.substr(0, eq), v.substr(eq + 1)); !ok) return ok.err();
        } else {
            return bad("unknown argument '" + arg + "'");
        }
    }
    if (cl.show_help) return cl;
    if (values.has("listeners"))
        if (auto ok = apply_listener(values, cl.node); !ok) return ok.err();
    if (values.has("log.dirs")) cl.node.data_dir = values.get_string("log.dirs");
    if (values.has("node.id"))
        cl.node.node_id = static_cast<int32_t>(values.get_int("node.id"));
    else if (values.has("broker.id"))
        cl.node.node_id = static_cast<int32_t>(values.get_int("broker.id"));
    if (!data_dir.empty()) cl.node.data_dir = data_dir;
    if (!host.empty()) cl.node.host = host;
    int64_t n = 0;
    if (!port.empty()) {
        if (!parse_int(port, 0, 65535, n)) return bad("--port must be 0-65535, got '" + port + "'");
        cl.node.port = static_cast<uint16_t>(n);
    }
    if (!metrics_port.empty()) {
        if (!parse_int(metrics_port, 0, 65535, n))
            return bad("--metrics-port must be 0-65535, got '" + metrics_port + "'");
        cl.node.metrics_port = static_cast<uint16_t>(n);
    }
    if (!metrics_host.empty()) {
        if (!cl.node.metrics_port) return bad("--metrics-host needs --metrics-port");
        cl.node.metrics_host = metrics_host;
    }
    if (!node_id.empty()) {
        if (!parse_int(node_id, 0, INT32_MAX, n)) return bad("--node-id must be a non-negative integer");
        cl.node.node_id = static_cast<int32_t>(n);
    }
    if (!nodes.empty()) {
        if (!parse_int(nodes, 1, 64, n)) return bad("--nodes must be 1-64, got '" + nodes + "'");
        cl.nodes = static_cast<int32_t>(n);
        if (cl.nodes > 1 && values.has("controller.quorum.voters"))
            return bad("--nodes makes its own controller.quorum.voters; do not set it as well");
    }
    if (cl.control_stdin && cl.nodes < 2)
        return bad("--control-stdin controls a local cluster: give --nodes N (N > 1)");
    if (cl.node.data_dir.empty()) return bad("a data directory is required: --data-dir DIR (or log.dirs)");
    cl.node.properties = values.explicit_values();
    return cl;
}

}  // namespace sluice::daemon
