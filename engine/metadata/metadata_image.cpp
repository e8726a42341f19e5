#include "engine/metadata/metadata_image.h"

#include <algorithm>

#include "engine/metadata/acl_record.h"
#include "engine/metadata/client_quotas.h"
#include "engine/protocol/messages/describe_configs.h"

namespace sluice::metadata {

void metadata_image::apply(const metadata_record& record) {
    ++applied_;
    auto topic_by_id = [&](const uuid& id) -> topic_state* {
        auto it = names_by_id_.find(id.value);
        return it == names_by_id_.end() ? nullptr : &topics_.at(it->second);
    };
    std::visit(
        [&](const auto& r) {
            using R = std::remove_cvref_t<decltype(r)>;
            if constexpr (std::is_same_v<R, register_broker_record>) {
                brokers_[r.broker_id] = {r.broker_id, r.host, r.port, r.rack, false, r.endpoints};
            } else if constexpr (std::is_same_v<R, fence_broker_record> || std::is_same_v<R, unfence_broker_record>) {
                if (auto it = brokers_.find(r.broker_id); it != brokers_.end())
                    it->second.fenced = std::is_same_v<R, fence_broker_record>;
            } else if constexpr (std::is_same_v<R, topic_record>) {
                auto& t = topics_[r.name];
                t.name = r.name;
                t.id = r.topic_id;
                names_by_id_[r.topic_id.value] = r.name;
            } else if constexpr (std::is_same_v<R, partition_record>) {
                if (auto* t = topic_by_id(r.topic_id))
                    t->partitions[r.partition_id] = {
                        r.replicas,         r.isr, r.leader, r.leader_epoch, r.partition_epoch, r.adding_replicas,
                        r.removing_replicas};
            } else if constexpr (std::is_same_v<R, partition_change_record>) {
                auto* t = topic_by_id(r.topic_id);
                if (!t) return;
                auto it = t->partitions.find(r.partition_id);
                if (it == t->partitions.end()) return;
                auto& p = it->second;
                if (r.leader != partition_change_record::no_leader_change && r.leader != p.leader) {
                    p.leader = r.leader;
                    ++p.leader_epoch;
                }
                if (r.isr) p.isr = *r.isr;
                if (r.replicas) p.replicas = *r.replicas;
                if (r.adding_replicas) p.adding_replicas = *r.adding_replicas;
                if (r.removing_replicas) p.removing_replicas = *r.removing_replicas;
                ++p.partition_epoch;
            } else if constexpr (std::is_same_v<R, config_record>) {
                std::map<std::string, std::string>* target = nullptr;
                if (r.resource_type == protocol::resource_type_topic) {
                    auto it = topics_.find(r.resource_name);
                    if (it == topics_.end()) return;
                    target = &it->second.configs;
                } else if (r.resource_type == protocol::resource_type_broker) {
                    target = &broker_configs_[r.resource_name];
                } else {
                    return;
                }
                if (r.value) (*target)[r.name] = *r.value;
                else target->erase(r.name);
                // A broker resource without overrides is no resource: a snapshot would not recreate it.
                if (target->empty() && r.resource_type == protocol::resource_type_broker)
                    broker_configs_.erase(r.resource_name);
            } else if constexpr (std::is_same_v<R, user_scram_credential_record>) {
                scram_users_[r.name][r.mechanism] = {r.salt, r.stored_key, r.server_key, r.iterations};
            } else if constexpr (std::is_same_v<R, remove_user_scram_credential_record>) {
                auto it = scram_users_.find(r.name);
                if (it == scram_users_.end()) return;
                it->second.erase(r.mechanism);
                if (it->second.empty()) scram_users_.erase(it);  // as a snapshot would recreate it: not at all
            } else if constexpr (std::is_same_v<R, access_control_entry_record>) {
                acls_[r.id.value] = acl_binding_of(r);
            } else if constexpr (std::is_same_v<R, remove_access_control_entry_record>) {
                acls_.erase(r.id.value);
            } else if constexpr (std::is_same_v<R, client_quota_record>) {
                auto entity = client_quota_entity_of(r);
                if (!r.remove) {
                    client_quotas_[entity][r.key] = r.value;
                    return;
                }
                auto it = client_quotas_.find(entity);
                if (it == client_quotas_.end()) return;
                it->second.erase(r.key);
                if (it->second.empty()) client_quotas_.erase(it);  // as a snapshot would recreate it: not at all
            } else if constexpr (std::is_same_v<R, producer_ids_record>) {
                // Never backwards: a block once given stays taken.
                next_producer_id_ = std::max(next_producer_id_, r.next_producer_id);
            } else if constexpr (std::is_same_v<R, remove_topic_record>) {
                auto it = names_by_id_.find(r.topic_id.value);
                if (it == names_by_id_.end()) return;
                topics_.erase(it->second);
                names_by_id_.erase(it);
            }
        },
        record);
}

const topic_state* metadata_image::find_topic(const std::string& name) const {
    auto it = topics_.find(name);
    return it == topics_.end() ? nullptr : &it->second;
}

const topic_state* metadata_image::find_topic(const uuid& id) const {
    auto it = names_by_id_.find(id.value);
    return it == names_by_id_.end() ? nullptr : find_topic(it->second);
}

const scram_credential_state* metadata_image::find_scram_credential(const std::string& user, int8_t mechanism) const {
    auto it = scram_users_.find(user);
    if (it == scram_users_.end()) return nullptr;
    auto found = it->second.find(mechanism);
    return found == it->second.end() ? nullptr : &found->second;
}

std::optional<std::string> metadata_image::dynamic_broker_config(int32_t broker_id, const std::string& name) const {
    for (const std::string& resource : {std::to_string(broker_id), std::string()}) {
        auto it = broker_configs_.find(resource);
        if (it == broker_configs_.end()) continue;
        if (auto v = it->second.find(name); v != it->second.end()) return v->second;
    }
    return std::nullopt;
}

}  // namespace sluice::metadata
