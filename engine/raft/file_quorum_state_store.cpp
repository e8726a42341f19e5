#include "engine/raft/file_quorum_state_store.h"

#include "engine/raft/atomic_file.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace sluice::raft {

using protocol::error_code;

namespace {

error io_error(const std::string& what, const std::filesystem::path& p) {
    return make_error(error_code::kafka_storage_error, what + " " + p.string() + ": " + std::strerror(errno));
}

// The file is our own, flat and written by write() below, so a key lookup is all the parsing it needs.
std::optional<int64_t> int_field(const std::string& json, const std::string& key) {
    auto at = json.find("\"" + key + "\"");
    if (at == std::string::npos) return std::nullopt;
    at = json.find(':', at);
    if (at == std::string::npos) return std::nullopt;
    ++at;
    while (at < json.size() && json[at] == ' ') ++at;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(json.data() + at, json.data() + json.size(), v);
    if (ec != std::errc{}) return std::nullopt;
    return v;
}

}  // namespace

result<std::optional<quorum_state>> file_quorum_state_store::read() {
    std::error_code ec;
    if (!std::filesystem::exists(file_, ec)) return std::optional<quorum_state>{};
    std::ifstream in(file_);
    if (!in) return io_error("cannot open", file_);
    std::stringstream ss;
    ss << in.rdbuf();
    auto json = ss.str();
    auto epoch = int_field(json, "leaderEpoch");
    auto leader = int_field(json, "leaderId");
    auto voted = int_field(json, "votedId");
    if (!epoch || !leader || !voted)
        return make_error(error_code::kafka_storage_error, "quorum state " + file_.string() + " is not readable");
    quorum_state s;
    s.epoch = epoch_id{static_cast<int32_t>(*epoch)};
    if (*leader >= 0) s.leader_id = node_id{static_cast<int32_t>(*leader)};
    if (*voted >= 0) s.voted_for = node_id{static_cast<int32_t>(*voted)};
    return std::optional<quorum_state>{s};
}

result<void> file_quorum_state_store::write(const quorum_state& state) {
    // Kafka's QuorumStateData (data_version 0) field names, so tools that read Kafka's file read ours.
    std::string json = "{\"clusterId\":\"\",\"leaderId\":" +
                       std::to_string(state.leader_id ? state.leader_id->value() : -1) +
                       ",\"leaderEpoch\":" + std::to_string(state.epoch.value()) +
                       ",\"votedId\":" + std::to_string(state.voted_for ? state.voted_for->value() : -1) +
                       ",\"appliedOffset\":0,\"currentVoters\":[";
    for (std::size_t i = 0; i < voters_.size(); ++i)
        json += (i ? ",{\"voterId\":" : "{\"voterId\":") + std::to_string(voters_[i].value()) + "}";
    json += "],\"data_version\":0}\n";

    return write_file_atomically(file_, std::span(reinterpret_cast<const uint8_t*>(json.data()), json.size()));
}

}  // namespace sluice::raft
