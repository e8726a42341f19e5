// sluiced's command line: flags plus Kafka-style config (--config FILE, --set key=value).
#pragma once
#include <string>
#include <vector>

#include "engine/broker/node.h"

namespace sluice::daemon {

struct command_line {
    broker::node_config node;
    bool show_help = false;
};

// Parses argv; the error message says which argument is wrong and why.
result<command_line> parse_command_line(const std::vector<std::string>& args);
std::string usage();

}  // namespace sluice::daemon
