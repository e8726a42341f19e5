#include "engine/client/cluster_client.h"

#include <algorithm>

#include "engine/common/config_list.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"
#include "engine/security/tls_context.h"

namespace sluice::client {

using protocol::error_code;

namespace {
int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

cluster_client::cluster_client(std::string bootstrap, std::chrono::milliseconds timeout, client_security security)
    : bootstrap_(std::move(bootstrap)), timeout_(timeout), security_(std::move(security)) {
    // One TLS context for every connection: the PEM files are read once, and a bad one fails each connect
    // with the same message.
    if (security::uses_tls(security_.protocol) && !security_.tls_context)
        if (auto made = security::make_client_tls_context(security_.tls))
            security_.tls_context = std::move(made.value());
}

result<connection*> cluster_client::broker(int32_t node_id) {
    if (auto it = connections_.find(node_id); it != connections_.end() && it->second) return it->second.get();
    if (node_id < 0) return open_bootstrap();
    auto it = broker_addresses_.find(node_id);
    if (it == broker_addresses_.end())
        return make_error(error_code::broker_not_available, "broker " + std::to_string(node_id) + " is unknown");
    auto conn = connection::open(it->second, security_, timeout_);
    if (!conn) return conn.err();
    auto* raw = conn.value().get();
    connections_[node_id] = std::move(conn.value());
    return raw;
}

// bootstrap.servers semantics: any listed broker will do. Each is tried in turn, starting after the one that
// failed last, so one stopped node of a cluster costs one failed connect, not every refresh.
result<connection*> cluster_client::open_bootstrap() {
    const auto addresses = split_config_list(bootstrap_);
    if (addresses.empty()) return make_error(error_code::invalid_config, "no bootstrap servers given");
    std::optional<sluice::error> last_failure;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        const auto& address = addresses[(next_bootstrap_ + i) % addresses.size()];
        auto conn = connection::open(address, security_, timeout_);
        if (!conn) {
            last_failure = conn.err();
            continue;
        }
        next_bootstrap_ = (next_bootstrap_ + i + 1) % addresses.size();  // the next reconnect starts elsewhere
        auto* raw = conn.value().get();
        connections_[-1] = std::move(conn.value());
        return raw;
    }
    next_bootstrap_ = (next_bootstrap_ + 1) % addresses.size();
    if (addresses.size() == 1) return *last_failure;
    return make_error(last_failure->code,
                      "no bootstrap server answered (" + bootstrap_ + "); last: " + last_failure->message);
}

result<cluster_snapshot> cluster_client::snapshot() {
    auto boot = broker(-1);
    if (!boot) return boot.err();
    auto version = boot.value()->pick_version(protocol::api_key::metadata);
    if (!version) return version.err();
    protocol::metadata_request request;  // null topic list: all topics
    request.allow_auto_topic_creation = false;
    auto metadata = boot.value()->send<protocol::metadata_api>(request, version.value());
    if (!metadata) {
        connections_.erase(-1);  // reconnect next time
        return metadata.err();
    }
    cluster_snapshot snap;
    snap.taken_at_ms = now_ms();
    snap.cluster_id = metadata->cluster_id.value_or("");
    snap.controller_id = metadata->controller_id;
    for (const auto& b : metadata->brokers) {
        snap.brokers.push_back({b.node_id, b.host, b.port, b.rack});
        broker_addresses_[b.node_id] = b.host + ":" + std::to_string(b.port);
    }
    std::vector<offset_query> queries;
    for (const auto& t : metadata->topics) {
        topic_info topic;
        topic.name = t.name.value_or("");
        topic.internal = t.is_internal;
        topic.error = t.error_code;
        for (const auto& p : t.partitions) {
            topic.partitions.push_back(
                {p.partition_index, p.leader_id, p.replica_nodes, p.isr_nodes, -1, -1, -1, -1, p.error_code});
            if (p.leader_id < 0) continue;
            queries.push_back({topic.name, p.partition_index, protocol::latest_timestamp});
            queries.push_back({topic.name, p.partition_index, protocol::earliest_timestamp});
        }
        std::sort(topic.partitions.begin(), topic.partitions.end(),
                  [](const auto& a, const auto& b) { return a.partition < b.partition; });
        snap.topics.push_back(std::move(topic));
    }
    std::sort(snap.topics.begin(), snap.topics.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    auto find_partition = [&](const std::string& topic, int32_t index) -> partition_info* {
        for (auto& t : snap.topics)
            if (t.name == topic)
                for (auto& p : t.partitions)
                    if (p.partition == index) return &p;
        return nullptr;
    };
    // Each leader's earliest and latest offsets; those it cannot answer stay unknown (-1), and the snapshot
    // still shows the topology.
    auto offsets = list_offsets(snap, queries);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const auto& o = offsets[i];
        if (o.failure || o.error != 0) continue;
        if (auto* info = find_partition(o.topic, o.partition))
            (queries[i].timestamp == protocol::latest_timestamp ? info->end_offset : info->start_offset) = o.offset;
    }
    add_log_dirs(snap);  // needs the high watermarks above; also sets each broker's log_dir_bytes
    // The quorum is extra: a cluster that does not serve DescribeQuorum still gives a snapshot.
    if (auto quorum = describe_quorum()) snap.quorum = std::move(quorum).value();
    return snap;
}

result<quorum_info> cluster_client::describe_quorum() {
    auto boot = broker(-1);
    if (!boot) return boot.err();
    auto version = boot.value()->pick_version(protocol::api_key::describe_quorum);
    if (!version) return version.err();
    protocol::describe_quorum_request request;
    request.topics.push_back({"__cluster_metadata", {{0}}});
    auto response = boot.value()->send<protocol::describe_quorum_api>(request, version.value());
    if (!response) return response.err();
    if (response->error_code != 0)
        return make_error(static_cast<protocol::error_code>(response->error_code), "DescribeQuorum refused");
    if (response->topics.size() != 1 || response->topics[0].partitions.size() != 1)
        return make_error(protocol::error_code::unknown_server_error,
                          "DescribeQuorum answered without __cluster_metadata-0");
    const auto& p = response->topics[0].partitions[0];
    if (p.error_code != 0)
        return make_error(static_cast<protocol::error_code>(p.error_code), "DescribeQuorum refused for the partition");
    quorum_info quorum;
    quorum.leader_id = p.leader_id;
    quorum.leader_epoch = p.leader_epoch;
    quorum.high_watermark = p.high_watermark;
    const auto replicas = [](const auto& states) {
        std::vector<quorum_replica> out;
        for (const auto& r : states) out.push_back({r.replica_id, r.log_end_offset, r.last_caught_up_timestamp});
        return out;
    };
    quorum.voters = replicas(p.current_voters);
    quorum.observers = replicas(p.observers);
    return quorum;
}

result<int64_t> cluster_client::produce(const std::string& topic, int32_t partition,
                                        std::span<const protocol::record> records, int16_t acks,
                                        protocol::compression_codec codec) {
    if (acks != 1 && acks != -1)
        return make_error(error_code::invalid_required_acks,
                          "cluster_client::produce waits for an answer; use acks 1 or -1");
    // Metadata for the topic (auto-creating it where the cluster allows) tells us the partition leader.
    auto meta = topic_metadata(topic, true);
    if (!meta) return meta.err();
    auto wanted = std::find_if(meta->partitions.begin(), meta->partitions.end(),
                               [&](const auto& p) { return p.partition == partition; });
    if (wanted == meta->partitions.end())
        return make_error(error_code::unknown_topic_or_partition, "topic '" + topic + "' has no partition " +
                                                                      std::to_string(partition) + " (it has " +
                                                                      std::to_string(meta->partitions.size()) + ")");
    const int32_t leader = wanted->leader;
    if (leader < 0)
        return make_error(error_code::leader_not_available, "no leader for " + topic + "-" + std::to_string(partition));
    auto conn = broker(leader);
    if (!conn) return conn.err();
    // A new batch numbers its records 0..n-1; the leader assigns the real offsets on append.
    std::vector<protocol::record> numbered(records.begin(), records.end());
    for (std::size_t i = 0; i < numbered.size(); ++i) numbered[i].offset = static_cast<int64_t>(i);
    auto batch = protocol::build_batch({.codec = codec}, numbered);
    if (!batch) return batch.err();
    auto pv = conn.value()->pick_version(protocol::api_key::produce);
    if (!pv) return pv.err();
    protocol::produce_request req;
    req.acks = acks;
    req.timeout_ms = static_cast<int32_t>(timeout_.count());
    req.topics.push_back({topic, {{partition, std::move(batch.value())}}});
    auto response = conn.value()->send<protocol::produce_api>(req, pv.value());
    if (!response) return response.err();
    for (const auto& t : response->responses)
        for (const auto& p : t.partitions) {
            if (p.error_code != 0)
                return make_error(static_cast<error_code>(p.error_code), p.error_message.value_or("produce failed"));
            return p.base_offset;
        }
    return make_error(error_code::unknown_server_error, "empty produce response");
}

result<topic_info> cluster_client::topic_metadata(const std::string& topic, bool allow_auto_create) {
    auto boot = broker(-1);
    if (!boot) return boot.err();
    auto version = boot.value()->pick_version(protocol::api_key::metadata);
    if (!version) return version.err();
    protocol::metadata_request request;
    request.topics = std::vector<protocol::metadata_request::topic>{{{}, topic}};
    request.allow_auto_topic_creation = allow_auto_create;
    auto meta = boot.value()->send<protocol::metadata_api>(request, version.value());
    if (!meta) {
        connections_.erase(-1);  // reconnect next time
        return meta.err();
    }
    for (const auto& b : meta->brokers) broker_addresses_[b.node_id] = b.host + ":" + std::to_string(b.port);
    for (const auto& t : meta->topics) {
        if (t.name.value_or("") != topic) continue;
        if (t.error_code != 0)
            return make_error(static_cast<error_code>(t.error_code), "metadata for topic '" + topic + "' failed");
        topic_info info;
        info.name = topic;
        info.internal = t.is_internal;
        for (const auto& p : t.partitions)
            info.partitions.push_back(
                {p.partition_index, p.leader_id, p.replica_nodes, p.isr_nodes, -1, -1, -1, -1, p.error_code});
        std::sort(info.partitions.begin(), info.partitions.end(),
                  [](const auto& a, const auto& b) { return a.partition < b.partition; });
        return info;
    }
    return make_error(error_code::unknown_topic_or_partition, "the cluster did not describe topic '" + topic + "'");
}

result<std::vector<broker_info>> cluster_client::brokers() {
    auto boot = broker(-1);
    if (!boot) return boot.err();
    auto version = boot.value()->pick_version(protocol::api_key::metadata);
    if (!version) return version.err();
    protocol::metadata_request request;
    request.topics = std::vector<protocol::metadata_request::topic>{};  // no topics, just the brokers
    request.allow_auto_topic_creation = false;
    auto metadata = boot.value()->send<protocol::metadata_api>(request, version.value());
    if (!metadata) {
        connections_.erase(-1);
        return metadata.err();
    }
    std::vector<broker_info> out;
    for (const auto& b : metadata->brokers) {
        out.push_back({b.node_id, b.host, b.port, b.rack});
        broker_addresses_[b.node_id] = b.host + ":" + std::to_string(b.port);
    }
    return out;
}

result<cluster_snapshot> read_cluster_snapshot(const std::string& bootstrap, std::chrono::milliseconds timeout) {
    cluster_client client(bootstrap, timeout);
    return client.snapshot();
}

}  // namespace sluice::client
