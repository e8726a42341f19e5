#include "engine/metadata/controller.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>

#include "engine/metadata/partition_election.h"
#include "engine/metadata/reassignment.h"
#include "engine/metadata/replica_placement.h"
#include "engine/metadata/topic_name.h"

namespace sluice::metadata {

namespace {
using protocol::error_code;

// A generous bound so one request cannot ask for millions of partition directories.
constexpr int32_t max_partitions_per_topic = 100000;

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

std::vector<std::string> split_list(const std::string& value) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= value.size()) {
        auto comma = value.find(',', start);
        std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) items.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

// Applies one change to a resource's overrides. `current_or_default` gives the list APPEND/SUBTRACT start from.
result<void> apply_change(std::map<std::string, std::string>& overrides, const config_definition& def,
                          const config_change& change, const std::string& current_or_default) {
    using protocol::alter_config_op;
    switch (change.op) {
        case alter_config_op::set:
            if (!change.value)
                return make_error(error_code::invalid_request, "Null value not supported for : " + change.name);
            overrides[change.name] = *change.value;
            return {};
        case alter_config_op::remove:
            overrides.erase(change.name);
            return {};
        case alter_config_op::append:
        case alter_config_op::subtract: {
            bool append = change.op == alter_config_op::append;
            if (def.type != config_type::list)
                return make_error(error_code::invalid_config, std::string("Config value ") + (append ? "append" : "subtract") +
                                                                  " is not allowed for config key: " + change.name);
            auto items = split_list(overrides.contains(change.name) ? overrides[change.name] : current_or_default);
            for (const auto& item : split_list(change.value.value_or(""))) {
                auto it = std::find(items.begin(), items.end(), item);
                if (append && it == items.end()) items.push_back(item);
                if (!append && it != items.end()) items.erase(it);
            }
            overrides[change.name] = join(items, ",");
            return {};
        }
    }
    return make_error(error_code::invalid_request, "Unknown config operation " +
                                                       std::to_string(static_cast<int>(change.op)) + " for " + change.name);
}
}  // namespace


controller::controller(int32_t node_id, const config_values& static_config)
    : node_id_(node_id), static_config_(static_config) {}

void controller::apply(std::span<const metadata_record> committed) {
    if (committed.empty()) return;
    for (const auto& r : committed) image_.apply(r);
    for (const auto& l : listeners_) l(image_, committed);
}

void controller::load_snapshot(std::span<const metadata_record> snapshot) {
    metadata_image loaded;
    for (const auto& r : snapshot) loaded.apply(r);
    records seen;
    for (const auto& [name, topic] : image_.topics())
        if (!loaded.find_topic(topic.id)) seen.push_back(remove_topic_record{topic.id});
    seen.insert(seen.end(), snapshot.begin(), snapshot.end());
    image_ = std::move(loaded);
    for (const auto& l : listeners_) l(image_, seen);
}

result<controller::records> controller::register_broker(register_broker_record wanted) const {
    auto it = image_.brokers().find(wanted.broker_id);
    if (it != image_.brokers().end()) {
        const auto& b = it->second;
        if (b.host == wanted.host && b.port == wanted.port && b.rack == wanted.rack && b.endpoints == wanted.endpoints)
            return records{};
    }
    return records{std::move(wanted)};
}

result<controller::records> controller::allocate_producer_ids(int32_t broker_id, int64_t count) const {
    const int64_t next = image_.next_producer_id();
    if (count <= 0 || next > std::numeric_limits<int64_t>::max() - count)
        return make_error(protocol::error_code::unknown_server_error, "producer ids are exhausted");
    return records{producer_ids_record{broker_id, 0, next + count}};
}

unclean_policy controller::unclean_elections() const {
    return [sources = sources()](const std::string& topic) {
        return topic_config_value(sources, topic, "unclean.leader.election.enable") == "true";
    };
}

result<controller::records> controller::fence_broker(int32_t broker_id) const {
    auto it = image_.brokers().find(broker_id);
    if (it == image_.brokers().end() || it->second.fenced) return records{};
    records out{fence_broker_record{broker_id}};
    // Its leaderships move to live ISR members and it leaves the ISRs (partition_election.h).
    for (auto& change : remove_broker(image_, broker_id, live_brokers(image_, broker_id), unclean_elections()))
        out.push_back(std::move(change));
    return out;
}

result<controller::records> controller::unfence_broker(int32_t broker_id) const {
    auto it = image_.brokers().find(broker_id);
    if (it == image_.brokers().end() || !it->second.fenced) return records{};
    records out{unfence_broker_record{broker_id}};
    // Partitions left without a leader get one again now that this ISR member is back.
    auto live = live_brokers(image_);
    live.insert(broker_id);
    for (auto& change : elect_leaderless(image_, live, unclean_elections())) out.push_back(std::move(change));
    return out;
}

result<controller::records> controller::preferred_leaders() const {
    records out;
    for (auto& change : elect_preferred(image_, live_brokers(image_))) out.push_back(std::move(change));
    return out;
}

result<std::vector<int32_t>> controller::check_replicas(const std::vector<int32_t>& replicas,
                                                        std::optional<std::size_t> replication_factor) const {
    if (replicas.empty())
        return make_error(error_code::invalid_replica_assignment,
                          "The manual partition assignment includes an empty replica list.");
    if (replication_factor && replicas.size() != *replication_factor)
        return make_error(error_code::invalid_replica_assignment,
                          "The manual partition assignment includes a partition with " +
                              std::to_string(replicas.size()) + " replica(s), but this is not consistent with " +
                              "previous partitions, which have " + std::to_string(*replication_factor) +
                              " replica(s).");
    std::set<int32_t> seen;
    for (int32_t id : replicas) {
        if (!seen.insert(id).second)
            return make_error(error_code::invalid_replica_assignment,
                              "The manual partition assignment includes the broker " + std::to_string(id) +
                                  " more than once.");
        if (!image_.brokers().contains(id))
            return make_error(error_code::invalid_replica_assignment,
                              "The manual partition assignment includes broker " + std::to_string(id) +
                                  ", but no such broker is registered.");
    }
    return replicas;
}

// Placement over the unfenced brokers (rack-aware when they have racks; replica_placement.h).
result<std::vector<std::vector<int32_t>>> controller::place_replicas(int32_t first_partition, int32_t count,
                                                                     int32_t replication_factor) const {
    std::vector<placement_broker> brokers;
    for (const auto& [id, b] : image_.brokers())
        if (!b.fenced) brokers.push_back({id, b.rack});
    if (brokers.empty()) brokers.push_back({node_id_, std::nullopt});
    return metadata::place_replicas(brokers, first_partition, count, replication_factor);
}

result<controller::records> controller::create_topic(const new_topic& topic, bool validate_only) const {
    if (auto valid = validate_topic_name(topic.name); !valid) return valid.err();
    if (image_.find_topic(topic.name))
        return make_error(error_code::topic_already_exists, "Topic '" + topic.name + "' already exists.");
    auto collision_key = [](std::string s) {
        std::replace(s.begin(), s.end(), '.', '_');
        return s;
    };
    for (const auto& [name, t] : image_.topics())
        if (collision_key(name) == collision_key(topic.name))
            return make_error(error_code::invalid_topic_exception,
                              "Topic '" + topic.name + "' collides with existing topic: " + name);

    std::vector<std::vector<int32_t>> placement;
    if (!topic.assignments.empty()) {
        if (topic.num_partitions != -1 || topic.replication_factor != -1)
            return make_error(error_code::invalid_request,
                              "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot "
                              "be used at the same time.");
        int32_t expected = 0;
        const std::size_t replication_factor = topic.assignments.begin()->second.size();
        for (const auto& [index, replicas] : topic.assignments) {
            if (index != expected++)
                return make_error(error_code::invalid_replica_assignment,
                                  "Partitions should be a consecutive 0-based integer sequence");
            auto checked = check_replicas(replicas, replication_factor);
            if (!checked) return checked.err();
            placement.push_back(replicas);
        }
    } else {
        int64_t partitions = topic.num_partitions == -1 ? broker_config_int(sources(), "num.partitions") : topic.num_partitions;
        int64_t rf = topic.replication_factor == -1 ? broker_config_int(sources(), "default.replication.factor")
                                                    : topic.replication_factor;
        if (partitions <= 0)
            return make_error(error_code::invalid_partitions,
                              "Number of partitions was set to an invalid non-positive value.");
        if (partitions > max_partitions_per_topic)
            return make_error(error_code::invalid_partitions, "Number of partitions " + std::to_string(partitions) +
                                                                  " is more than this broker allows per topic (" +
                                                                  std::to_string(max_partitions_per_topic) + ").");
        if (rf <= 0)
            return make_error(error_code::invalid_replication_factor,
                              "Replication factor must be larger than 0, or -1 to use the default value.");
        auto placed = place_replicas(0, static_cast<int32_t>(partitions), static_cast<int32_t>(rf));
        if (!placed) return placed.err();
        placement = std::move(placed.value());
    }

    records out;
    uuid id = random_uuid();
    while (image_.find_topic(id)) id = random_uuid();
    out.push_back(topic_record{topic.name, id});
    for (std::size_t p = 0; p < placement.size(); ++p)
        out.push_back(partition_record{static_cast<int32_t>(p), id, placement[p], placement[p], placement[p].front(), 0, 0});
    std::set<std::string> seen;
    for (const auto& [name, value] : topic.configs) {
        const auto* def = find_config(name, config_scope::topic);
        if (!def) return make_error(error_code::invalid_config, "Unknown topic config name: " + name);
        if (!value) return make_error(error_code::invalid_request, "Null value not supported for topic configs: " + name);
        if (!seen.insert(name).second)
            return make_error(error_code::invalid_request, "Duplicate topic config name: " + name);
        if (auto valid = validate_config_value(*def, *value); !valid) return valid.err();
        out.push_back(config_record{protocol::resource_type_topic, topic.name, name, value});
    }
    if (validate_only) return records{};
    return out;
}

result<controller::records> controller::delete_topic(const std::string& name) const {
    // Deleting __consumer_offsets loses every group's committed offsets, and __cluster_metadata is the quorum's
    // own log: refuse both before looking the name up, with the error code Kafka's broker gives for an operation
    // an internal topic does not allow and the wording of Kafka's kafka-topics.sh.
    if (is_internal_topic(name) || name == cluster_metadata_topic)
        return make_error(error_code::invalid_topic_exception,
                          "Topic " + name + " is a Kafka internal topic and is not allowed to be deleted.");
    const auto* t = image_.find_topic(name);
    if (!t) return make_error(error_code::unknown_topic_or_partition, "This server does not host this topic-partition.");
    return records{remove_topic_record{t->id}};
}

result<controller::records> controller::create_partitions(const std::string& name, int32_t count,
                                                          const std::optional<std::vector<std::vector<int32_t>>>& assignments,
                                                          bool validate_only) const {
    const auto* t = image_.find_topic(name);
    if (!t) return make_error(error_code::unknown_topic_or_partition, "This server does not host this topic-partition.");
    auto current = static_cast<int32_t>(t->partitions.size());
    if (count < current)
        return make_error(error_code::invalid_partitions, "The topic " + name + " currently has " + std::to_string(current) +
                                                              " partition(s); " + std::to_string(count) +
                                                              " would not be an increase.");
    if (count == current)
        return make_error(error_code::invalid_partitions, "Topic already has " + std::to_string(current) + " partition(s).");
    if (count > max_partitions_per_topic)
        return make_error(error_code::invalid_partitions, "Number of partitions " + std::to_string(count) +
                                                              " is more than this broker allows per topic (" +
                                                              std::to_string(max_partitions_per_topic) + ").");
    int32_t added = count - current;
    std::vector<std::vector<int32_t>> placement;
    if (assignments) {
        if (static_cast<int32_t>(assignments->size()) != added)
            return make_error(error_code::invalid_replica_assignment,
                              "Attempted to add " + std::to_string(added) + " additional partition(s), but only " +
                                  std::to_string(assignments->size()) + " assignment(s) were specified.");
        const std::optional<std::size_t> replication_factor =
            t->partitions.empty() ? std::nullopt : std::optional{t->partitions.begin()->second.replicas.size()};
        for (const auto& replicas : *assignments) {
            auto checked = check_replicas(replicas, replication_factor);
            if (!checked) return checked.err();
            placement.push_back(replicas);
        }
    } else {
        auto rf = t->partitions.empty() ? 1 : static_cast<int32_t>(t->partitions.begin()->second.replicas.size());
        auto placed = place_replicas(current, added, rf);
        if (!placed) return placed.err();
        placement = std::move(placed.value());
    }
    if (validate_only) return records{};
    records out;
    for (int32_t i = 0; i < added; ++i) {
        const auto& replicas = placement[static_cast<std::size_t>(i)];
        out.push_back(partition_record{current + i, t->id, replicas, replicas, replicas.front(), 0, 0});
    }
    return out;
}

result<controller::records> controller::reassign_partition(const std::string& topic, int32_t index,
                                                           const std::optional<std::vector<int32_t>>& target) const {
    const auto* t = image_.find_topic(topic);
    if (!t) return make_error(error_code::unknown_topic_or_partition, "Topic " + topic + " does not exist.");
    if (target)
        if (auto checked = check_replicas(*target); !checked) return checked.err();
    auto change = plan_reassignment(*t, index, target, live_brokers(image_));
    if (!change) return change.err();
    if (!*change) return records{};
    return records{std::move(**change)};
}

controller::records controller::elect_leaders(
    election_type type, const std::optional<std::vector<std::pair<std::string, int32_t>>>& partitions,
    std::vector<election_outcome>& outcomes) const {
    const auto live = live_brokers(image_);
    records out;
    auto elect = [&](const std::string& topic, int32_t index, bool report_not_needed) {
        const auto* t = image_.find_topic(topic);
        result<partition_change_record> change =
            t ? elect_leader(*t, index, type, live)
              : make_error(error_code::unknown_topic_or_partition, "Topic " + topic + " does not exist.");
        if (change)
            out.push_back(std::move(change.value()));
        else if (!report_not_needed && change.err().code == error_code::election_not_needed)
            return;
        outcomes.push_back({topic, index, change ? error_code::none : change.err().code,
                            change ? std::string() : change.err().message});
    };
    if (partitions) {
        for (const auto& [topic, index] : *partitions) elect(topic, index, true);
        return out;
    }
    // Every partition, as Kafka's controller answers a null list: those with the leader wanted already are
    // left out of the answer.
    for (const auto& [name, t] : image_.topics())
        for (const auto& [index, p] : t.partitions) elect(name, index, false);
    return out;
}

result<controller::records> controller::alter_configs(int8_t resource_type, const std::string& resource_name,
                                                      std::span<const config_change> changes, bool incremental,
                                                      bool validate_only) const {
    bool is_topic = resource_type == protocol::resource_type_topic;
    if (!is_topic && resource_type != protocol::resource_type_broker)
        return make_error(error_code::invalid_request,
                          "Unsupported resource type " + std::to_string(resource_type) + " for config changes");
    std::map<std::string, std::string> old_overrides;
    if (is_topic) {
        const auto* t = image_.find_topic(resource_name);
        if (!t) return make_error(error_code::unknown_topic_or_partition, "Topic " + resource_name + " does not exist");
        old_overrides = t->configs;
    } else {
        bool registered = false;
        for (const auto& [id, b] : image_.brokers()) registered |= resource_name == std::to_string(id);
        if (!resource_name.empty() && resource_name != std::to_string(node_id_) && !registered)
            return make_error(error_code::invalid_request, "Unexpected broker id, expected " + std::to_string(node_id_) +
                                                               " or empty string, but received " + resource_name);
        if (auto it = image_.broker_configs().find(resource_name); it != image_.broker_configs().end())
            old_overrides = it->second;
    }
    auto overrides = incremental ? old_overrides : std::map<std::string, std::string>{};
    std::set<std::string> seen;
    for (const auto& change : changes) {
        const auto* def = find_config(change.name, is_topic ? config_scope::topic : config_scope::broker);
        if (!def)
            return make_error(error_code::invalid_config,
                              std::string("Unknown ") + (is_topic ? "topic" : "broker") + " config name: " + change.name);
        if (!seen.insert(change.name).second)
            return make_error(error_code::invalid_request, "Error due to duplicate config keys: " + change.name);
        if (!is_topic && def->read_only)
            return make_error(error_code::invalid_config,
                              "Cannot update these configs dynamically: Set(" + change.name + ")");
        if (!incremental && !change.value)
            return make_error(error_code::invalid_request, "Null value not supported for : " + change.name);
        std::string base = is_topic ? topic_config_value(sources(), resource_name, change.name)
                                    : broker_config_value(sources(), change.name);
        if (auto ok = apply_change(overrides, *def, change, base); !ok) return ok.err();
        if (auto it = overrides.find(change.name); it != overrides.end())
            if (auto valid = validate_config_value(*def, it->second); !valid) return valid.err();
    }
    records out;
    for (const auto& [name, value] : overrides)
        if (auto it = old_overrides.find(name); it == old_overrides.end() || it->second != value)
            out.push_back(config_record{resource_type, resource_name, name, value});
    for (const auto& [name, value] : old_overrides)
        if (!overrides.contains(name)) out.push_back(config_record{resource_type, resource_name, name, std::nullopt});
    if (validate_only) return records{};
    return out;
}

}  // namespace sluice::metadata
