// sluiced's control channel for tests (--control-stdin): one line per command — stop N, kill N, start N, cut A B,
// isolate A, delay A B MS, drop A B P, heal [A B], status — parsed into a command and carried out on the
// local cluster, each answered by one line.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"

namespace sluice::cluster {
class local_cluster;
}

namespace sluice::daemon {

struct control_command {
    enum class verb { stop, kill, start, cut, isolate, delay, drop, heal, status };
    verb what = verb::status;
    std::vector<int32_t> nodes;  // the node ids the verb names, in order (none for status and a full heal)
    int64_t delay_ms = 0;        // delay
    double probability = 0.0;    // drop
};

// Parses one line (words separated by blanks). An error says what is wrong and what the verb expects.
result<control_command> parse_control_command(std::string_view line);

// Carries the command out and returns its reply line (no newline): "ok ..." or "error: ...", and for status
// one JSON object: {"controller":ID or null,"nodes":[{"id":1,"port":P,"running":true},...]}.
std::string run_control_command(cluster::local_cluster& cluster, const control_command& command);

}  // namespace sluice::daemon
