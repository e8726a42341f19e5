// sluiced's command line: flags plus Kafka-style config (--config FILE, --set key=value).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/broker/node.h"

namespace sluice::daemon {

struct command_line {
    broker::node_config node;
    // --nodes N: a whole local cluster in this process (node ids 1..N on consecutive ports from --port,
    // data in DIR/node-N); 1 runs the single node `node` describes.
    int32_t nodes = 1;
    // --control-stdin (with --nodes N > 1): read test control commands from stdin (control_channel.h).
    bool control_stdin = false;
    // --secure DIR: a SASL_SSL node with its own CA, the authorizer and an admin user (secure_setup.h).
    std::optional<std::filesystem::path> secure_dir;
    bool show_help = false;
};

// Parses argv; the error message says which argument is wrong and why.
result<command_line> parse_command_line(const std::vector<std::string>& args);
std::string usage();

}  // namespace sluice::daemon
