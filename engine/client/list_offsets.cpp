// cluster_client::list_offsets: the per-leader ListOffsets fan-out, written once for the snapshot, the GUI's
// topic usage and offset resets.
#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/list_offsets.h"

namespace sluice::client {

using protocol::error_code;

std::vector<partition_offset> cluster_client::list_offsets(const cluster_snapshot& topology,
                                                           std::span<const offset_query> queries) {
    std::vector<partition_offset> out(queries.size());
    std::map<std::pair<std::string, int32_t>, int32_t> leaders;
    for (const auto& t : topology.topics)
        for (const auto& p : t.partitions) leaders[{t.name, p.partition}] = p.leader;

    // Per leader, rounds of query indices in which each partition appears at most once.
    std::map<int32_t, std::vector<std::vector<std::size_t>>> rounds;
    std::map<std::pair<std::string, int32_t>, std::size_t> asked;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto& q = queries[i];
        out[i].topic = q.topic;
        out[i].partition = q.partition;
        auto leader = leaders.find({q.topic, q.partition});
        if (leader == leaders.end()) {
            out[i].error = static_cast<int16_t>(error_code::unknown_topic_or_partition);
            continue;
        }
        if (leader->second < 0) {
            out[i].error = static_cast<int16_t>(error_code::leader_not_available);
            continue;
        }
        auto& leader_rounds = rounds[leader->second];
        std::size_t round = asked[{q.topic, q.partition}]++;
        if (leader_rounds.size() <= round) leader_rounds.resize(round + 1);
        leader_rounds[round].push_back(i);
    }

    for (auto& [leader, leader_rounds] : rounds) {
        std::optional<sluice::error> failure;
        connection* conn = nullptr;
        int16_t version = 0;
        if (auto c = broker(leader); !c)
            failure = c.err();
        else if (auto v = c.value()->pick_version(protocol::api_key::list_offsets); !v)
            failure = v.err();
        else
            conn = c.value(), version = v.value();
        for (const auto& round : leader_rounds) {
            if (!failure) {
                protocol::list_offsets_request request;
                for (std::size_t i : round) {
                    auto topic = std::find_if(request.topics.begin(), request.topics.end(),
                                              [&](const auto& t) { return t.name == queries[i].topic; });
                    if (topic == request.topics.end()) {
                        request.topics.push_back({queries[i].topic, {}});
                        topic = std::prev(request.topics.end());
                    }
                    protocol::list_offsets_request::partition wanted;
                    wanted.partition_index = queries[i].partition;
                    wanted.timestamp = queries[i].timestamp;
                    topic->partitions.push_back(wanted);
                }
                auto answer = conn->send<protocol::list_offsets_api>(request, version);
                if (!answer) {
                    failure = answer.err();
                    connections_.erase(leader);  // reconnect next time; the rest of this leader's rounds fail too
                } else {
                    for (std::size_t i : round) out[i].error = static_cast<int16_t>(error_code::unknown_server_error);
                    for (const auto& t : answer->topics)
                        for (const auto& p : t.partitions)
                            for (std::size_t i : round)
                                if (queries[i].topic == t.name && queries[i].partition == p.partition_index) {
                                    out[i].offset = p.offset;
                                    out[i].timestamp = p.timestamp;
                                    out[i].error = p.error_code;
                                }
                }
            }
            if (failure)
                for (std::size_t i : round) out[i].failure = failure;
        }
    }
    return out;
}

}  // namespace sluice::client
