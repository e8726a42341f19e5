#include "sluiced/control_command.h"

#include <array>
#include <charconv>
#include <chrono>
#include <sstream>

#include "engine/cluster/local_cluster.h"

namespace sluice::daemon {

namespace {

using verb = control_command::verb;

// Each verb's name, the words it takes after the node ids, and how to use it (for error messages).
struct verb_info {
    verb what;
    std::string_view name;
    std::size_t nodes;  // node ids it takes
    std::string_view usage;
};
constexpr std::array<verb_info, 9> verbs{{
    {verb::stop, "stop", 1, "stop N"},
    {verb::kill, "kill", 1, "kill N"},
    {verb::start, "start", 1, "start N"},
    {verb::cut, "cut", 2, "cut A B"},
    {verb::isolate, "isolate", 1, "isolate A"},
    {verb::delay, "delay", 2, "delay A B MS"},
    {verb::drop, "drop", 2, "drop A B P"},
    {verb::heal, "heal", 2, "heal [A B]"},
    {verb::status, "status", 0, "status"},
}};

error bad(std::string message) { return make_error(protocol::error_code::invalid_request, std::move(message)); }

std::vector<std::string_view> words_of(std::string_view line) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        if (i > start) words.push_back(line.substr(start, i - start));
    }
    return words;
}

template <class Number>
bool parse_number(std::string_view text, Number& out) {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

std::string all_usages() {
    std::string out;
    for (const auto& v : verbs) out += (out.empty() ? "" : ", ") + std::string(v.usage);
    return out;
}

}  // namespace

result<control_command> parse_control_command(std::string_view line) {
    auto words = words_of(line);
    if (words.empty()) return bad("empty command; commands are: " + all_usages());
    const verb_info* info = nullptr;
    for (const auto& v : verbs)
        if (v.name == words[0]) info = &v;
    if (info == nullptr) return bad("unknown command '" + std::string(words[0]) + "'; commands are: " + all_usages());
    control_command command;
    command.what = info->what;
    const bool full_heal = info->what == verb::heal && words.size() == 1;
    const std::size_t extra = info->what == verb::delay || info->what == verb::drop ? 1 : 0;
    if (!full_heal && words.size() != 1 + info->nodes + extra)
        return bad("'" + std::string(info->name) + "' expects: " + std::string(info->usage));
    if (full_heal) return command;
    for (std::size_t i = 1; i <= info->nodes; ++i) {
        int32_t id = 0;
        if (!parse_number(words[i], id) || id < 0)
            return bad("'" + std::string(words[i]) + "' is not a node id (" + std::string(info->usage) + ")");
        command.nodes.push_back(id);
    }
    if (info->what == verb::delay &&
        (!parse_number(words.back(), command.delay_ms) || command.delay_ms < 0 || command.delay_ms > 600000))
        return bad("'" + std::string(words.back()) + "' is not a delay of 0 to 600000 ms (delay A B MS)");
    if (info->what == verb::drop && (!parse_number(words.back(), command.probability) ||
                                     !(command.probability >= 0.0 && command.probability <= 1.0)))
        return bad("'" + std::string(words.back()) + "' is not a probability from 0 to 1 (drop A B P)");
    return command;
}

namespace {

std::string status_json(cluster::local_cluster& cluster) {
    std::ostringstream out;
    auto controller = cluster.controller_id();
    out << "{\"controller\":" << (controller ? std::to_string(*controller) : "null") << ",\"nodes\":[";
    bool first = true;
    for (int32_t id : cluster.node_ids()) {
        out << (first ? "" : ",") << "{\"id\":" << id << ",\"port\":" << cluster.port(id)
            << ",\"running\":" << (cluster.is_running(id) ? "true" : "false") << "}";
        first = false;
    }
    out << "]}";
    return out.str();
}

std::string reply(const result<void>& done, const std::string& what) {
    return done ? "ok " + what : "error: " + done.err().message;
}

}  // namespace

std::string run_control_command(cluster::local_cluster& cluster, const control_command& command) {
    const auto& n = command.nodes;
    auto pair = [&] { return std::to_string(n[0]) + " " + std::to_string(n[1]); };
    switch (command.what) {
        case verb::stop: {
            if (auto known = cluster.check_node(n[0]); !known) return reply(known, "");
            cluster.stop_node(n[0]);
            return "ok stopped " + std::to_string(n[0]);
        }
        case verb::kill: {
            if (auto known = cluster.check_node(n[0]); !known) return reply(known, "");
            cluster.kill_node(n[0]);
            return "ok killed " + std::to_string(n[0]);
        }
        case verb::start:
            return reply(cluster.start_node(n[0]), "started " + std::to_string(n[0]));
        case verb::cut:
            return reply(cluster.cut(n[0], n[1]), "cut " + pair());
        case verb::isolate:
            return reply(cluster.isolate(n[0]), "isolated " + std::to_string(n[0]));
        case verb::delay:
            return reply(cluster.delay(n[0], n[1], std::chrono::milliseconds(command.delay_ms)),
                         "delayed " + pair() + " by " + std::to_string(command.delay_ms) + " ms");
        case verb::drop:
            return reply(cluster.drop(n[0], n[1], command.probability), "dropping " + pair());
        case verb::heal:
            if (n.empty()) {
                cluster.heal();
                return "ok healed every link";
            }
            return reply(cluster.heal(n[0], n[1]), "healed " + pair());
        case verb::status:
            return status_json(cluster);
    }
    return "error: unhandled command";
}

}  // namespace sluice::daemon
