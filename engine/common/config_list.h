// Kafka's list-valued settings ("a:1, b:2"): listeners, bootstrap.servers, controller.listener.names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// A comma-separated list, items trimmed, empty items dropped.
std::vector<std::string> split_config_list(std::string_view text);

}  // namespace sluice
