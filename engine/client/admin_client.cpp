#include "engine/client/admin_client.h"

#include <algorithm>
#include <thread>

#include "engine/protocol/messages/alter_configs.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/delete_records.h"
#include "engine/protocol/messages/delete_topics.h"
#include "engine/protocol/messages/describe_cluster.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/describe_log_dirs.h"
#include "engine/protocol/messages/incremental_alter_configs.h"
#include "engine/protocol/messages/metadata.h"

namespace sluice::client {

using protocol::api_key;

admin_client::admin_client(std::string bootstrap, std::chrono::milliseconds timeout, client_security security)
    : cluster_(std::move(bootstrap), timeout, std::move(security)), timeout_(timeout) {}

result<connection*> admin_client::controller() {
    auto boot = cluster_.broker(-1);
    if (!boot) return boot.err();
    auto v = boot.value()->pick_version(api_key::metadata);
    if (!v) return v.err();
    protocol::metadata_request request;
    request.topics = std::vector<protocol::metadata_request::topic>{};  // no topics: just brokers and controller
    request.allow_auto_topic_creation = false;
    auto meta = boot.value()->send<protocol::metadata_api>(request, v.value());
    if (!meta) return meta.err();
    // A cluster that is electing its controller (a node just started or the controller failed) names none
    // for a moment: ask again, within the timeout, before falling back to the bootstrap broker.
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    while (meta->controller_id < 0 && std::chrono::steady_clock::now() + retry_backoff < deadline) {
        std::this_thread::sleep_for(retry_backoff);
        meta = boot.value()->send<protocol::metadata_api>(request, v.value());
        if (!meta) return meta.err();
    }
    if (meta->controller_id < 0) return boot;
    auto conn = cluster_.broker(meta->controller_id);
    if (!conn) {
        (void)cluster_.snapshot();  // learns the brokers' addresses
        conn = cluster_.broker(meta->controller_id);
    }
    return conn ? conn : boot;
}

result<int32_t> admin_client::leader_of(const std::string& topic, int32_t partition) {
    auto snap = cluster_.snapshot();
    if (!snap) return snap.err();
    for (const auto& t : snap->topics)
        if (t.name == topic) {
            for (const auto& p : t.partitions)
                if (p.partition == partition) return p.leader;
        }
    return make_error(protocol::error_code::unknown_topic_or_partition,
                      topic + "-" + std::to_string(partition) + " does not exist");
}

result<std::vector<item_result>> admin_client::create_topics(const std::vector<new_topic_spec>& topics,
                                                             bool validate_only) {
    protocol::create_topics_request request;
    request.timeout_ms = static_cast<int32_t>(timeout_.count());
    request.validate_only = validate_only;
    for (const auto& t : topics) {
        auto& out = request.topics.emplace_back();
        out.name = t.name;
        out.num_partitions = t.partitions;
        out.replication_factor = t.replication_factor;
        for (const auto& [index, replicas] : t.assignments) out.assignments.push_back({index, replicas});
        for (const auto& [name, value] : t.configs) out.configs.push_back({name, value});
    }
    auto response = ask_controller<protocol::create_topics_api>(request);
    if (!response) return response.err();
    std::vector<item_result> results;
    for (const auto& t : response->topics) results.push_back({t.name, t.error_code, t.error_message.value_or("")});
    return results;
}

result<std::vector<item_result>> admin_client::delete_topics(const std::vector<std::string>& names) {
    protocol::delete_topics_request request;
    request.topic_names = names;
    request.timeout_ms = static_cast<int32_t>(timeout_.count());
    auto response = ask_controller<protocol::delete_topics_api>(request);
    if (!response) return response.err();
    std::vector<item_result> results;
    for (const auto& t : response->responses) results.push_back({t.name, t.error_code, t.error_message.value_or("")});
    return results;
}

result<std::vector<item_result>> admin_client::create_partitions(const std::map<std::string, int32_t>& totals,
                                                                 bool validate_only) {
    std::map<std::string, partition_increase> increases;
    for (const auto& [name, count] : totals) increases[name].total = count;
    return create_partitions_with_assignments(increases, validate_only);
}

result<std::vector<resource_configs>> admin_client::describe_configs(const std::vector<config_resource>& resources,
                                                                     bool include_synonyms,
                                                                     const std::vector<std::string>& keys) {
    auto conn = cluster_.broker(-1);
    if (!conn) return conn.err();
    auto v = conn.value()->pick_version(api_key::describe_configs);
    if (!v) return v.err();
    protocol::describe_configs_request request;
    request.include_synonyms = include_synonyms;
    for (const auto& r : resources) {
        auto& out = request.resources.emplace_back();
        out.resource_type = static_cast<int8_t>(r.type);
        out.resource_name = r.name;
        if (!keys.empty()) out.configuration_keys = keys;
    }
    auto response = conn.value()->send<protocol::describe_configs_api>(request, v.value());
    if (!response) return response.err();
    std::vector<resource_configs> results;
    for (const auto& r : response->results) {
        resource_configs out;
        out.resource = {static_cast<resource_type>(r.resource_type), r.resource_name};
        out.error = r.error_code;
        out.message = r.error_message.value_or("");
        for (const auto& c : r.configs) {
            config_entry_info e{c.name, c.value, c.read_only, c.is_default, c.is_sensitive, c.config_source, {}};
            if (v.value() >= 1)
                e.is_default = c.config_source == static_cast<int8_t>(protocol::config_source::default_config);
            for (const auto& s : c.synonyms) e.synonyms.push_back({s.name, s.value, s.source});
            out.entries.push_back(std::move(e));
        }
        results.push_back(std::move(out));
    }
    return results;
}

result<std::vector<item_result>> admin_client::incremental_alter_configs(
    const std::vector<std::pair<config_resource, std::vector<config_alteration>>>& changes, bool validate_only) {
    protocol::incremental_alter_configs_request request;
    request.validate_only = validate_only;
    for (const auto& [resource, alterations] : changes) {
        auto& out = request.resources.emplace_back();
        out.resource_type = static_cast<int8_t>(resource.type);
        out.resource_name = resource.name;
        for (const auto& a : alterations) out.configs.push_back({a.name, static_cast<int8_t>(a.op), a.value});
    }
    auto response = ask_controller<protocol::incremental_alter_configs_api>(request);
    if (!response) return response.err();
    std::vector<item_result> results;
    for (const auto& r : response->responses)
        results.push_back({r.resource_name, r.error_code, r.error_message.value_or("")});
    return results;
}

result<std::vector<item_result>> admin_client::alter_configs(
    const std::vector<std::pair<config_resource, std::map<std::string, std::string>>>& configs, bool validate_only) {
    protocol::alter_configs_request request;
    request.validate_only = validate_only;
    for (const auto& [resource, values] : configs) {
        auto& out = request.resources.emplace_back();
        out.resource_type = static_cast<int8_t>(resource.type);
        out.resource_name = resource.name;
        for (const auto& [name, value] : values) out.configs.push_back({name, value});
    }
    auto response = ask_controller<protocol::alter_configs_api>(request);
    if (!response) return response.err();
    std::vector<item_result> results;
    for (const auto& r : response->responses)
        results.push_back({r.resource_name, r.error_code, r.error_message.value_or("")});
    return results;
}

result<std::vector<partition_low_watermark>> admin_client::delete_records(const std::string& topic,
                                                                          const std::map<int32_t, int64_t>& offsets) {
    // DeleteRecords goes to each partition's leader.
    std::map<int32_t, protocol::delete_records_request> by_leader;
    for (const auto& [partition, offset] : offsets) {
        auto leader = leader_of(topic, partition);
        if (!leader) return leader.err();
        auto& request = by_leader[leader.value()];
        if (request.topics.empty()) request.topics.push_back({topic, {}});
        request.topics.back().partitions.push_back({partition, offset});
        request.timeout_ms = static_cast<int32_t>(timeout_.count());
    }
    std::vector<partition_low_watermark> results;
    for (auto& [leader, request] : by_leader) {
        auto conn = cluster_.broker(leader);
        if (!conn) return conn.err();
        auto v = conn.value()->pick_version(api_key::delete_records);
        if (!v) return v.err();
        auto response = conn.value()->send<protocol::delete_records_api>(request, v.value());
        if (!response) return response.err();
        for (const auto& t : response->topics)
            for (const auto& p : t.partitions) results.push_back({p.partition_index, p.low_watermark, p.error_code});
    }
    return results;
}

result<cluster_description> admin_client::describe_cluster() {
    auto conn = cluster_.broker(-1);
    if (!conn) return conn.err();
    cluster_description out;
    if (auto v = conn.value()->pick_version(api_key::describe_cluster); v) {
        auto response = conn.value()->send<protocol::describe_cluster_api>({}, v.value());
        if (!response) return response.err();
        if (response->error_code != 0)
            return make_error(static_cast<protocol::error_code>(response->error_code),
                              response->error_message.value_or(""));
        out.cluster_id = response->cluster_id;
        out.controller_id = response->controller_id;
        for (const auto& b : response->brokers) out.brokers.push_back({b.broker_id, b.host, b.port, b.rack});
        return out;
    }
    // Older clusters: the same facts from Metadata.
    auto snap = cluster_.snapshot();
    if (!snap) return snap.err();
    out.cluster_id = snap->cluster_id;
    out.controller_id = snap->controller_id;
    out.brokers = snap->brokers;
    return out;
}

result<std::vector<log_dir_partition>> admin_client::describe_log_dirs(int32_t node_id,
                                                                       const std::vector<std::string>& topics) {
    (void)cluster_.snapshot();  // learns the brokers' addresses
    auto conn = cluster_.broker(node_id);
    if (!conn) return conn.err();
    auto v = conn.value()->pick_version(api_key::describe_log_dirs);
    if (!v) return v.err();
    protocol::describe_log_dirs_request request;
    if (!topics.empty()) {
        // DescribeLogDirs names partitions explicitly: ask for every partition the metadata knows.
        auto snap = cluster_.snapshot();
        if (!snap) return snap.err();
        request.topics.emplace();
        for (const auto& t : snap->topics)
            if (std::find(topics.begin(), topics.end(), t.name) != topics.end()) {
                auto& out = request.topics->emplace_back();
                out.topic = t.name;
                for (const auto& p : t.partitions) out.partitions.push_back(p.partition);
            }
    }
    auto response = conn.value()->send<protocol::describe_log_dirs_api>(request, v.value());
    if (!response) return response.err();
    std::vector<log_dir_partition> results;
    for (const auto& dir : response->results) {
        if (dir.error_code != 0)
            return make_error(static_cast<protocol::error_code>(dir.error_code), "log dir " + dir.log_dir + " failed");
        for (const auto& t : dir.topics)
            for (const auto& p : t.partitions)
                results.push_back({dir.log_dir, t.name, p.partition_index, p.partition_size, p.offset_lag});
    }
    return results;
}

}  // namespace sluice::client
