#include "engine/cluster/local_cluster.h"

#include <fstream>

#include "engine/broker/listeners.h"
#include "engine/broker/meta_properties.h"
#include "engine/common/asio.h"

namespace sluice::cluster {

namespace {

// Free loopback ports, all held open until every one is chosen so that no two are the same. Another
// process may still take one before a node binds it; start() then fails with the bind error.
result<std::vector<uint16_t>> pick_free_ports(const std::string& host, int32_t count) {
    asio::io_context io;
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) return make_error(protocol::error_code::invalid_config, "invalid host '" + host + "': " + ec.message());
    std::vector<tcp::acceptor> held;
    std::vector<uint16_t> ports;
    for (int32_t i = 0; i < count; ++i) {
        tcp::acceptor& acceptor = held.emplace_back(io);
        acceptor.open(address.is_v6() ? tcp::v6() : tcp::v4(), ec);
        if (!ec) acceptor.bind(tcp::endpoint(address, 0), ec);
        if (ec) return make_error(protocol::error_code::network_exception, "cannot pick a free port: " + ec.message());
        ports.push_back(acceptor.local_endpoint().port());
    }
    return ports;
}

// Every node of one cluster must carry the same cluster id (followers and voters refuse another): the one
// a node of this data directory was formatted with, or a fresh one for a new cluster.
std::string cluster_id_for(const std::filesystem::path& data_dir, int32_t nodes) {
    for (int32_t id = 1; id <= nodes; ++id) {
        std::ifstream in(data_dir / ("node-" + std::to_string(id)) / "meta.properties");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("cluster.id=", 0) == 0 && line.size() > 11) return line.substr(11);
    }
    return broker::generate_cluster_id();
}

}  // namespace

result<std::unique_ptr<local_cluster>> local_cluster::start(local_cluster_config config) {
    if (config.nodes < 1 || config.nodes > 64)
        return make_error(protocol::error_code::invalid_config,
                          "a local cluster has 1 to 64 nodes, not " + std::to_string(config.nodes));
    if (config.data_dir.empty())
        return make_error(protocol::error_code::invalid_config, "a local cluster needs a data directory");
    if (!config.properties.contains("cluster.id"))
        config.properties["cluster.id"] = cluster_id_for(config.data_dir, config.nodes);
    std::map<int32_t, uint16_t> ports;
    if (config.first_metrics_port && *config.first_metrics_port != 0 &&
        *config.first_metrics_port + config.nodes - 1 > 65535)
        return make_error(
            protocol::error_code::invalid_config,
            "metrics ports from " + std::to_string(*config.first_metrics_port) + " do not fit below 65536");
    if (config.first_port == 0) {
        auto picked = pick_free_ports(config.host, config.nodes);
        if (!picked) return picked.err();
        for (int32_t i = 0; i < config.nodes; ++i) ports[i + 1] = picked.value()[static_cast<std::size_t>(i)];
    } else {
        if (config.first_port + config.nodes - 1 > 65535)
            return make_error(protocol::error_code::invalid_config,
                              "ports " + std::to_string(config.first_port) + ".." +
                                  std::to_string(config.first_port + config.nodes - 1) + " do not fit below 65536");
        for (int32_t i = 0; i < config.nodes; ++i) ports[i + 1] = static_cast<uint16_t>(config.first_port + i);
    }
    auto cluster = std::make_unique<local_cluster>(private_tag{}, std::move(config), std::move(ports));
    for (int32_t id : cluster->node_ids())
        if (auto started = cluster->start_node(id); !started) {
            cluster->stop();
            return make_error(started.err().code, "node " + std::to_string(id) + ": " + started.err().message);
        }
    return cluster;
}

local_cluster::local_cluster(private_tag, local_cluster_config config, std::map<int32_t, uint16_t> ports)
    : config_(std::move(config)), ports_(std::move(ports)) {}

local_cluster::~local_cluster() { stop(); }

std::vector<int32_t> local_cluster::node_ids() const {
    std::vector<int32_t> ids;
    for (const auto& [id, port] : ports_) ids.push_back(id);
    return ids;
}

std::string local_cluster::bootstrap() const {
    std::string out;
    for (const auto& [id, port] : ports_) out += (out.empty() ? "" : ",") + config_.host + ":" + std::to_string(port);
    return out;
}

std::string local_cluster::quorum_voters() const {
    std::string out;
    for (const auto& [id, port] : ports_)
        out += (out.empty() ? "" : ",") + std::to_string(id) + "@" + config_.host + ":" + std::to_string(port);
    return out;
}

namespace {
// Whether the first listener (the one the nodes register and reach each other on) is PLAINTEXT.
bool plaintext_between_nodes(const std::map<std::string, std::string>& properties) {
    auto listeners = properties.find("listeners");
    if (listeners == properties.end()) return true;
    auto map = properties.find("listener.security.protocol.map");
    auto parsed = broker::parse_listeners("listeners", listeners->second, map == properties.end() ? "" : map->second);
    return !parsed || parsed->empty() || parsed->front().security_protocol == "PLAINTEXT";
}
}  // namespace

broker::node_config local_cluster::config_for(int32_t node_id) const {
    broker::node_config node;
    node.node_id = node_id;
    node.host = config_.host;
    node.port = ports_.at(node_id);
    node.data_dir = config_.data_dir / ("node-" + std::to_string(node_id));
    node.properties = config_.properties;
    node.properties["controller.quorum.voters"] = quorum_voters();
    // Over a PLAINTEXT inter-broker listener the nodes reach each other as User:ANONYMOUS: with an authorizer
    // on, that principal must be a super user (Kafka's rule for the inter-broker principal), or replication,
    // the quorum and forwarded admin requests would be refused. On a secured one they log in as the user its
    // JAAS entry names (peer_security.h), which the configuration makes a super user.
    if (auto authorizer = node.properties.find("authorizer.class.name");
        ports_.size() > 1 && authorizer != node.properties.end() && !authorizer->second.empty() &&
        plaintext_between_nodes(node.properties)) {
        auto& super_users = node.properties["super.users"];
        if (super_users.find("User:ANONYMOUS") == std::string::npos)
            super_users += (super_users.empty() ? "" : ";") + std::string("User:ANONYMOUS");
    }
    node.link_faults = faults_;
    node.scram_users = config_.scram_users;
    if (config_.first_metrics_port) {
        node.metrics_host = config_.metrics_host;
        auto picked = metrics_ports_.find(node_id);
        node.metrics_port = picked != metrics_ports_.end() ? picked->second
                            : *config_.first_metrics_port == 0
                                ? uint16_t{0}
                                : static_cast<uint16_t>(*config_.first_metrics_port + node_id - 1);
    }
    return node;
}

bool local_cluster::is_running(int32_t node_id) const {
    auto it = nodes_.find(node_id);
    return it != nodes_.end() && it->second != nullptr;
}

std::size_t local_cluster::client_connections(int32_t node_id) const {
    auto it = nodes_.find(node_id);
    return it != nodes_.end() && it->second ? it->second->client_connection_count() : 0;
}

std::size_t local_cluster::client_connections() const {
    std::size_t count = 0;
    for (const auto& [id, node] : nodes_)
        if (node) count += node->client_connection_count();
    return count;
}

std::optional<uint16_t> local_cluster::metrics_port(int32_t node_id) const {
    auto it = nodes_.find(node_id);
    if (it == nodes_.end() || !it->second) return std::nullopt;
    return it->second->metrics_port();
}

void local_cluster::stop_node(int32_t node_id) {
    auto it = nodes_.find(node_id);
    if (it == nodes_.end() || !it->second) return;
    it->second->stop();
    it->second.reset();
}

void local_cluster::kill_node(int32_t node_id) {
    auto it = nodes_.find(node_id);
    if (it == nodes_.end() || !it->second) return;
    it->second->crash();
    it->second.reset();
}

result<void> local_cluster::check_node(int32_t node_id) const {
    if (!ports_.contains(node_id))
        return make_error(protocol::error_code::invalid_request,
                          "no node " + std::to_string(node_id) + " in this cluster");
    return {};
}

result<void> local_cluster::start_node(int32_t node_id) {
    if (auto known = check_node(node_id); !known) return known;
    if (is_running(node_id)) return {};
    auto started = broker::node::start(config_for(node_id));
    if (!started) return started.err();
    if (auto port = started.value()->metrics_port()) metrics_ports_[node_id] = *port;
    nodes_[node_id] = std::move(started.value());
    return {};
}

void local_cluster::stop() {
    for (auto& [id, node] : nodes_)
        if (node) {
            node->stop();
            node.reset();
        }
}

std::optional<int32_t> local_cluster::controller_id() const {
    broker::node::quorum_view best;
    for (const auto& [id, node] : nodes_) {
        if (!node) continue;
        auto view = node->quorum();
        if (view.leader && (!best.leader || view.epoch > best.epoch)) best = view;
    }
    return best.leader;
}

result<void> local_cluster::both_ways(int32_t a, int32_t b, const std::function<void(int32_t, int32_t)>& fault) {
    for (int32_t id : {a, b})
        if (auto known = check_node(id); !known) return known;
    if (a == b) return make_error(protocol::error_code::invalid_request, "a link joins two different nodes");
    fault(a, b);
    fault(b, a);
    return {};
}

result<void> local_cluster::cut(int32_t a, int32_t b) {
    return both_ways(a, b, [this](int32_t from, int32_t to) { faults_->cut(from, to); });
}

result<void> local_cluster::isolate(int32_t a) {
    if (auto known = check_node(a); !known) return known;
    for (int32_t other : node_ids())
        if (other != a) (void)cut(a, other);
    return {};
}

result<void> local_cluster::delay(int32_t a, int32_t b, std::chrono::milliseconds delay) {
    if (delay.count() < 0) return make_error(protocol::error_code::invalid_request, "a delay cannot be negative");
    return both_ways(a, b, [this, delay](int32_t from, int32_t to) { faults_->delay(from, to, delay); });
}

result<void> local_cluster::drop(int32_t a, int32_t b, double probability) {
    if (!(probability >= 0.0 && probability <= 1.0))
        return make_error(protocol::error_code::invalid_request, "a drop probability is between 0 and 1");
    return both_ways(a, b, [this, probability](int32_t from, int32_t to) { faults_->drop(from, to, probability); });
}

result<void> local_cluster::heal(int32_t a, int32_t b) {
    return both_ways(a, b, [this](int32_t from, int32_t to) { faults_->heal(from, to); });
}

void local_cluster::heal() { faults_->heal(); }

}  // namespace sluice::cluster
