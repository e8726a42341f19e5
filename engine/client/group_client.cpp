#include "engine/client/group_client.h"

#include <algorithm>

#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_fetch.h"

namespace sluice::client {

using protocol::error_code;

namespace {
error make_kafka_error(int16_t code, const std::string& what) {
    auto e = static_cast<error_code>(code);
    return make_error(e, what + ": " + std::string(protocol::error_name(e)));
}
}  // namespace

std::vector<assigned_partitions> decode_consumer_assignment(std::span<const uint8_t> assignment) {
    std::vector<assigned_partitions> out;
    if (assignment.empty()) return out;
    protocol::wire_reader r(assignment);
    (void)r.read_int16();  // version; v0-3 share this prefix
    int32_t topics = r.read_array_length(false);
    for (int32_t i = 0; i < topics && !r.failed(); ++i) {
        assigned_partitions a;
        a.topic = r.read_string(false);
        int32_t n = r.read_array_length(false);
        for (int32_t k = 0; k < n && !r.failed(); ++k) a.partitions.push_back(r.read_int32());
        out.push_back(std::move(a));
    }
    if (r.failed()) return {};
    return out;
}

group_lag compute_group_lag(const std::string& group_id, const std::vector<committed_position>& committed,
                            const cluster_snapshot& snapshot) {
    group_lag out;
    out.group_id = group_id;
    for (const auto& c : committed) {
        partition_lag p;
        p.topic = c.topic;
        p.partition = c.partition;
        p.committed = c.offset;
        for (const auto& t : snapshot.topics)
            if (t.name == c.topic)
                for (const auto& info : t.partitions)
                    if (info.partition == c.partition) {
                        p.log_end_offset = info.end_offset;
                        p.high_watermark = info.end_offset;
                    }
        if (p.committed >= 0 && p.high_watermark >= 0) {
            p.lag = std::max<int64_t>(0, p.high_watermark - p.committed);
            out.topic_lag[p.topic] += p.lag;
            out.total_lag += p.lag;
        }
        out.partitions.push_back(std::move(p));
    }
    std::sort(out.partitions.begin(), out.partitions.end(), [](const auto& a, const auto& b) {
        return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
    });
    return out;
}

result<std::map<std::string, int32_t>> group_client::coordinators(const std::vector<std::string>& group_ids) {
    std::map<std::string, int32_t> out;
    if (group_ids.empty()) return out;
    if (auto brokers = cluster_.brokers(); !brokers) return brokers.err();
    auto boot = cluster_.broker(-1);
    if (!boot) return boot.err();
    auto version = boot.value()->pick_version(protocol::api_key::find_coordinator);
    if (!version) return version.err();
    protocol::find_coordinator_request request;
    if (version.value() >= 4) {
        request.coordinator_keys = group_ids;
        auto response = boot.value()->send<protocol::find_coordinator_api>(request, version.value());
        if (!response) return response.err();
        for (const auto& c : response->coordinators) {
            if (c.error_code != 0) return make_kafka_error(c.error_code, "FindCoordinator for group '" + c.key + "'");
            out[c.key] = c.node_id;
        }
        return out;
    }
    for (const auto& id : group_ids) {
        request.key = id;
        auto response = boot.value()->send<protocol::find_coordinator_api>(request, version.value());
        if (!response) return response.err();
        if (response->error_code != 0) return make_kafka_error(response->error_code, "FindCoordinator for group '" + id + "'");
        out[id] = response->node_id;
    }
    return out;
}

result<std::vector<group_listing>> group_client::list_groups() {
    auto brokers = cluster_.brokers();
    if (!brokers) return brokers.err();
    std::vector<group_listing> out;
    for (const auto& b : brokers.value()) {
        auto conn = cluster_.broker(b.node_id);
        if (!conn) return conn.err();
        auto version = conn.value()->pick_version(protocol::api_key::list_groups);
        if (!version) return version.err();
        auto response = conn.value()->send<protocol::list_groups_api>({}, version.value());
        if (!response) return response.err();
        if (response->error_code != 0)
            return make_kafka_error(response->error_code, "ListGroups on broker " + std::to_string(b.node_id));
        for (const auto& g : response->groups) out.push_back({g.group_id, g.protocol_type, g.group_state, b.node_id});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.group_id < b.group_id; });
    return out;
}

result<std::vector<group_description>> group_client::describe_groups(const std::vector<std::string>& group_ids) {
    auto coordinators = this->coordinators(group_ids);
    if (!coordinators) return coordinators.err();
    std::map<int32_t, protocol::describe_groups_request> by_node;
    for (const auto& [id, node] : coordinators.value()) by_node[node].groups.push_back(id);
    std::map<std::string, group_description> found;
    for (auto& [node, request] : by_node) {
        auto conn = cluster_.broker(node);
        if (!conn) return conn.err();
        auto version = conn.value()->pick_version(protocol::api_key::describe_groups);
        if (!version) return version.err();
        auto response = conn.value()->send<protocol::describe_groups_api>(request, version.value());
        if (!response) return response.err();
        for (const auto& g : response->groups) {
            group_description d;
            d.group_id = g.group_id;
            d.state = g.group_state;
            d.protocol_type = g.protocol_type;
            d.protocol = g.protocol_data;
            d.error = g.error_code;
            for (const auto& m : g.members) {
                group_member_info info{m.member_id, m.group_instance_id, m.client_id, m.client_host, {}};
                if (g.protocol_type == "consumer") info.assignment = decode_consumer_assignment(m.member_assignment);
                d.members.push_back(std::move(info));
            }
            found[d.group_id] = std::move(d);
        }
    }
    std::vector<group_description> out;
    for (const auto& id : group_ids)
        if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
    return out;
}

result<std::map<std::string, std::vector<committed_position>>> group_client::committed_offsets(
    const std::vector<std::string>& group_ids) {
    auto coordinators = this->coordinators(group_ids);
    if (!coordinators) return coordinators.err();
    std::map<int32_t, std::vector<std::string>> by_node;
    for (const auto& [id, node] : coordinators.value()) by_node[node].push_back(id);
    std::map<std::string, std::vector<committed_position>> out;
    auto collect = [&](const std::string& group, const std::vector<protocol::offset_fetch_response::topic>& topics) {
        auto& list = out[group];
        for (const auto& t : topics)
            for (const auto& p : t.partitions)
                if (p.error_code == 0 && p.committed_offset >= 0)
                    list.push_back({t.name, p.partition_index, p.committed_offset, p.committed_leader_epoch,
                                    p.metadata.value_or("")});
    };
    for (const auto& [node, groups] : by_node) {
        auto conn = cluster_.broker(node);
        if (!conn) return conn.err();
        // v2+ is needed for "all partitions" (null topics); v8 fetches many groups in one request.
        auto version = conn.value()->pick_version(protocol::api_key::offset_fetch);
        if (!version) return version.err();
        if (version.value() >= 8) {
            constexpr std::size_t batch = 500;
            for (std::size_t i = 0; i < groups.size(); i += batch) {
                protocol::offset_fetch_request request;
                for (std::size_t k = i; k < std::min(groups.size(), i + batch); ++k)
                    request.groups.push_back({groups[k], std::nullopt});
                auto response = conn.value()->send<protocol::offset_fetch_api>(request, version.value());
                if (!response) return response.err();
                for (const auto& g : response->groups) {
                    if (g.error_code != 0) return make_kafka_error(g.error_code, "OffsetFetch for group '" + g.group_id + "'");
                    collect(g.group_id, g.topics);
                }
            }
            continue;
        }
        for (const auto& group : groups) {
            protocol::offset_fetch_request request;
            request.group_id = group;
            request.topics = std::nullopt;
            auto response = conn.value()->send<protocol::offset_fetch_api>(request, version.value());
            if (!response) return response.err();
            if (response->error_code != 0) return make_kafka_error(response->error_code, "OffsetFetch for group '" + group + "'");
            collect(group, response->topics);
        }
    }
    return out;
}

result<std::vector<group_lag>> group_client::lag(const std::vector<std::string>& group_ids,
                                                 const cluster_snapshot& snapshot) {
    auto committed = committed_offsets(group_ids);
    if (!committed) return committed.err();
    std::vector<group_lag> out;
    for (const auto& id : group_ids) out.push_back(compute_group_lag(id, committed.value()[id], snapshot));
    return out;
}

result<void> group_client::reset_offsets(const std::string& group_id, const std::vector<offset_reset>& offsets) {
    auto described = describe_groups({group_id});
    if (!described) return described.err();
    if (!described->empty()) {
        const auto& d = described->front();
        if (!d.members.empty())
            return make_error(error_code::non_empty_group,
                              "Offsets of group '" + group_id + "' can only be reset while it has no members; it is " +
                                  d.state + " with " + std::to_string(d.members.size()) +
                                  " member(s). Stop its consumers first.");
    }
    auto coordinators = this->coordinators({group_id});
    if (!coordinators) return coordinators.err();
    auto conn = cluster_.broker(coordinators.value().at(group_id));
    if (!conn) return conn.err();
    auto version = conn.value()->pick_version(protocol::api_key::offset_commit);
    if (!version) return version.err();
    protocol::offset_commit_request request;
    request.group_id = group_id;
    request.generation_id = -1;
    for (const auto& o : offsets) {
        if (request.topics.empty() || request.topics.back().name != o.topic) request.topics.push_back({o.topic, {}});
        protocol::offset_commit_request::partition p;
        p.partition_index = o.partition;
        p.committed_offset = o.offset;
        p.committed_metadata = std::string{};
        request.topics.back().partitions.push_back(p);
    }
    auto response = conn.value()->send<protocol::offset_commit_api>(request, version.value());
    if (!response) return response.err();
    for (const auto& t : response->topics)
        for (const auto& p : t.partitions)
            if (p.error_code != 0) {
                if (p.error_code == static_cast<int16_t>(error_code::unknown_member_id))
                    return make_error(error_code::non_empty_group,
                                      "Offsets of group '" + group_id + "' can only be reset while it has no members: "
                                      "consumers joined it meanwhile.");
                return make_kafka_error(p.error_code, "resetting " + t.name + "-" + std::to_string(p.partition_index) +
                                                          " of group '" + group_id + "'");
            }
    return {};
}

}  // namespace sluice::client
