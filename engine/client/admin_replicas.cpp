// admin_client's calls about partition replicas and leadership: CreatePartitions with assignments,
// ElectLeaders, AlterPartitionReassignments / ListPartitionReassignments (to the controller) and
// OffsetForLeaderEpoch (to each partition's leader).
#include "engine/client/admin_client.h"
#include "engine/protocol/messages/alter_partition_reassignments.h"
#include "engine/protocol/messages/create_partitions.h"
#include "engine/protocol/messages/elect_leaders.h"
#include "engine/protocol/messages/list_partition_reassignments.h"
#include "engine/protocol/messages/offset_for_leader_epoch.h"

namespace sluice::client {

namespace {
template <class Response>
result<void> top_level(const Response& response) {
    if (response.error_code == 0) return {};
    std::string message;
    if constexpr (requires(const Response& r) { r.error_message; }) message = response.error_message.value_or("");
    return make_error(static_cast<protocol::error_code>(response.error_code), message);
}
}  // namespace

result<std::vector<item_result>> admin_client::create_partitions_with_assignments(
    const std::map<std::string, partition_increase>& increases, bool validate_only) {
    protocol::create_partitions_request request;
    request.timeout_ms = static_cast<int32_t>(timeout_.count());
    request.validate_only = validate_only;
    for (const auto& [name, increase] : increases) {
        auto& out =
            request.topics.emplace_back(protocol::create_partitions_request::topic{name, increase.total, std::nullopt});
        if (increase.assignments.empty()) continue;
        out.assignments.emplace();
        for (const auto& replicas : increase.assignments) out.assignments->push_back({replicas});
    }
    auto response = ask_controller<protocol::create_partitions_api>(request);
    if (!response) return response.err();
    std::vector<item_result> results;
    for (const auto& t : response->results) results.push_back({t.name, t.error_code, t.error_message.value_or("")});
    return results;
}

result<std::vector<partition_result>> admin_client::elect_leaders(election_type type,
                                                                  const std::optional<topic_partitions>& partitions) {
    protocol::elect_leaders_request request;
    request.election_type = static_cast<int8_t>(type);
    request.timeout_ms = static_cast<int32_t>(timeout_.count());
    if (partitions) {
        request.topic_partitions_list.emplace();
        for (const auto& [topic, indexes] : *partitions) request.topic_partitions_list->push_back({topic, indexes});
    }
    auto response = ask_controller<protocol::elect_leaders_api>(request);
    if (!response) return response.err();
    if (auto ok = top_level(*response); !ok) return ok.err();
    std::vector<partition_result> results;
    for (const auto& t : response->replica_election_results)
        for (const auto& p : t.partition_results)
            results.push_back({t.topic, p.partition_id, p.error_code, p.error_message.value_or("")});
    return results;
}

result<std::vector<partition_result>> admin_client::alter_partition_reassignments(
    const std::map<std::pair<std::string, int32_t>, std::optional<std::vector<int32_t>>>& targets) {
    protocol::alter_partition_reassignments_request request;
    request.timeout_ms = static_cast<int32_t>(timeout_.count());
    for (const auto& [where, replicas] : targets) {
        if (request.topics.empty() || request.topics.back().name != where.first)
            request.topics.push_back({where.first, {}});
        request.topics.back().partitions.push_back({where.second, replicas});
    }
    auto response = ask_controller<protocol::alter_partition_reassignments_api>(request);
    if (!response) return response.err();
    if (auto ok = top_level(*response); !ok) return ok.err();
    std::vector<partition_result> results;
    for (const auto& t : response->responses)
        for (const auto& p : t.partitions)
            results.push_back({t.name, p.partition_index, p.error_code, p.error_message.value_or("")});
    return results;
}

result<std::vector<reassignment_info>> admin_client::list_partition_reassignments(
    const std::optional<topic_partitions>& partitions) {
    protocol::list_partition_reassignments_request request;
    request.timeout_ms = static_cast<int32_t>(timeout_.count());
    if (partitions) {
        request.topics.emplace();
        for (const auto& [topic, indexes] : *partitions) request.topics->push_back({topic, indexes});
    }
    auto response = ask_controller<protocol::list_partition_reassignments_api>(request);
    if (!response) return response.err();
    if (auto ok = top_level(*response); !ok) return ok.err();
    std::vector<reassignment_info> results;
    for (const auto& t : response->topics)
        for (const auto& p : t.partitions)
            results.push_back({t.name, p.partition_index, p.replicas, p.adding_replicas, p.removing_replicas});
    return results;
}

result<std::vector<epoch_end_offset>> admin_client::offset_for_leader_epoch(const std::string& topic,
                                                                            const std::map<int32_t, int32_t>& epochs,
                                                                            std::optional<int32_t> node,
                                                                            int32_t current_leader_epoch) {
    // One request per broker asked: each partition's leader, or `node` for all of them.
    std::map<int32_t, protocol::offset_for_leader_epoch_request> by_broker;
    for (const auto& [partition, epoch] : epochs) {
        auto broker = node ? result<int32_t>(*node) : leader_of(topic, partition);
        if (!broker) return broker.err();
        auto& request = by_broker[broker.value()];
        request.replica_id = -1;  // a consumer: only the leader answers
        if (request.topics.empty()) request.topics.push_back({topic, {}});
        request.topics.back().partitions.push_back({partition, current_leader_epoch, epoch});
    }
    (void)cluster_.snapshot();  // learns the brokers' addresses
    std::vector<epoch_end_offset> results;
    for (const auto& [broker, request] : by_broker) {
        auto conn = cluster_.broker(broker);
        if (!conn) return conn.err();
        auto v = conn.value()->pick_version(protocol::api_key::offset_for_leader_epoch);
        if (!v) return v.err();
        auto response = conn.value()->send<protocol::offset_for_leader_epoch_api>(request, v.value());
        if (!response) return response.err();
        for (const auto& t : response->topics)
            for (const auto& p : t.partitions)
                results.push_back({p.partition_index, p.error_code, p.leader_epoch, p.end_offset});
    }
    return results;
}

}  // namespace sluice::client
