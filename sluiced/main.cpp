// sluiced: runs a Sluice broker node headless until SIGINT or SIGTERM, then shuts down cleanly.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include "engine/cluster/local_cluster.h"
#include "engine/common/process_limits.h"
#include "engine/metadata/config_values.h"
#include "sluiced/command_line.h"
#include "sluiced/control_channel.h"
#include "sluiced/secure_setup.h"

namespace {
void wait_for_stop(const sigset_t& stop_signals) {
    int received = 0;
    sigwait(&stop_signals, &received);
    std::cout << "sluiced: received " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down" << std::endl;
}
}  // namespace

int main(int argc, char** argv) {
    using namespace sluice;
    auto parsed = daemon::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed) {
        std::cerr << "sluiced: " << parsed.err().message << "\n" << daemon::usage();
        return 2;
    }
    if (parsed->show_help) {
        std::cout << daemon::usage();
        return 0;
    }
    std::optional<daemon::secure_dir> secure;
    if (parsed->secure_dir) {
        auto prepared = daemon::apply_secure(parsed.value());
        if (!prepared) {
            std::cerr << "sluiced: " << prepared.err().message << "\n";
            return 2;
        }
        secure = std::move(prepared.value());
        std::error_code ec;
        // --add-scram leaves a user the metadata has alone: a new password cannot replace an old admin's.
        if (secure->password_created && !std::filesystem::is_empty(parsed->node.data_dir, ec) && !ec)
            std::cerr << "sluiced: warning: " << secure->admin_password_file.string()
                      << " is new but the data dir is not: if it already has the user admin, the old password "
                         "stays (use a fresh --data-dir, or the --secure DIR it was made with)\n";
    }
    metadata::config_values known;
    for (const auto& [name, value] : parsed->node.properties) (void)known.set(name, value);
    for (const auto& name : known.unknown_names())
        std::cerr << "sluiced: warning: the configuration '" << name << "' was supplied but isn't a known config\n";

    raise_open_file_limit();

    // Block the stop signals before any thread starts, so only sigwait below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    if (parsed->nodes > 1) {
        cluster::local_cluster_config config;
        config.nodes = parsed->nodes;
        config.data_dir = parsed->node.data_dir;
        config.host = parsed->node.host;
        config.first_port = parsed->node.port;
        config.properties = parsed->node.properties;
        config.scram_users = parsed->node.scram_users;
        config.first_metrics_port = parsed->node.metrics_port;
        config.metrics_host = parsed->node.metrics_host;
        auto local = cluster::local_cluster::start(std::move(config));
        if (!local) {
            std::cerr << "sluiced: cannot start the local cluster: " << local.err().message << "\n";
            return 1;
        }
        for (int32_t id : local.value()->node_ids()) {
            std::cout << "sluiced: node " << id << " listening on " << parsed->node.host << ":"
                      << local.value()->port(id) << std::endl;
            if (auto metrics = local.value()->metrics_port(id))
                std::cout << "sluiced: node " << id << " serving metrics on http://" << parsed->node.metrics_host << ":"
                          << *metrics << "/metrics" << std::endl;
        }
        if (secure) {
            std::vector<uint16_t> ports;
            for (int32_t id : local.value()->node_ids()) ports.push_back(local.value()->port(id));
            auto instructions = daemon::write_client_settings(*secure, parsed->node.host, ports);
            if (!instructions) {
                std::cerr << "sluiced: cannot write the client settings: " << instructions.err().message << "\n";
                local.value()->stop();
                return 1;
            }
            std::cout << instructions.value() << std::flush;
        }
        std::cout << "sluiced: local cluster of " << local.value()->size() << " nodes, bootstrap "
                  << local.value()->bootstrap() << std::endl;
        std::mutex cluster_mutex;  // the control channel's commands and the shutdown below, one at a time
        std::optional<daemon::control_channel> control;
        if (parsed->control_stdin) control.emplace(*local.value(), cluster_mutex, 0, std::cout);
        wait_for_stop(stop_signals);
        {
            std::lock_guard lock(cluster_mutex);
            local.value()->stop();
            std::cout << "sluiced: stopped" << std::endl;
        }
        control.reset();
        return 0;
    }
    auto node = broker::node::start(parsed->node);
    if (!node) {
        std::cerr << "sluiced: cannot start: " << node.err().message << "\n";
        return 1;
    }
    std::cout << "sluiced: node " << parsed->node.node_id << " of cluster " << node.value()->cluster_id()
              << " listening on " << parsed->node.host << ":" << node.value()->port() << std::endl;
    if (secure) {
        auto instructions = daemon::write_client_settings(*secure, parsed->node.host, node.value()->port());
        if (!instructions) {
            std::cerr << "sluiced: cannot write the client settings: " << instructions.err().message << "\n";
            node.value()->stop();
            return 1;
        }
        std::cout << instructions.value() << std::flush;
    }
    if (auto metrics = node.value()->metrics_port())
        std::cout << "sluiced: serving metrics on http://" << parsed->node.metrics_host << ":" << *metrics << "/metrics"
                  << std::endl;
    wait_for_stop(stop_signals);
    node.value()->stop();
    std::cout << "sluiced: stopped" << std::endl;
    return 0;
}
