// The group coordinator's storage side: committed offsets and group metadata in __consumer_offsets (write,
// replay on start, expire), and the admin-style APIs (ListGroups, DescribeGroups, DeleteGroups, OffsetDelete).
#include <algorithm>
#include <chrono>
#include <set>

#include "engine/group/group_coordinator.h"
#include "engine/common/log.h"
#include "engine/group/offsets_records.h"

namespace sluice::group {

using protocol::error_code;

namespace {
int16_t code(error_code e) { return static_cast<int16_t>(e); }


protocol::record make_record(protocol::bytes key, std::optional<protocol::bytes> value, int64_t now) {
    protocol::record r;
    r.timestamp = now;
    r.key = std::move(key);
    r.value = std::move(value);
    return r;
}

protocol::record offset_record(const std::string& group_id, const topic_partition& tp, const committed_offset* value,
                               int64_t now) {
    auto key = encode_key(offset_commit_key{group_id, tp.first, tp.second});
    if (value == nullptr) return make_record(std::move(key), std::nullopt, now);
    offset_commit_value v;
    v.offset = value->offset;
    v.leader_epoch = value->leader_epoch;
    v.metadata = value->metadata;
    v.commit_timestamp = value->commit_timestamp;
    return make_record(std::move(key), encode_value(v), now);
}

// The topics in a "consumer" protocol subscription (ConsumerProtocolSubscription: version, topics, ...).
std::set<std::string> subscribed_topics(const protocol::bytes& metadata) {
    std::set<std::string> topics;
    protocol::wire_reader r(metadata);
    (void)r.read_int16();
    int32_t n = r.read_array_length(false);
    for (int32_t i = 0; i < n && !r.failed(); ++i) topics.insert(r.read_string(false));
    return topics;
}
}  // namespace

result<void> group_coordinator::append(const std::string& group_id, std::span<const protocol::record> records) {
    if (auto ready = ensure_offsets_topic(); !ready) return ready;
    int32_t partition = offsets_partition_for(group_id, backend_.partition_count());
    return backend_.append(partition, records);
}

result<void> group_coordinator::store_group(group& g) {
    group_metadata_value v;
    v.protocol_type = g.protocol_type;
    v.generation = g.generation;
    v.protocol = g.protocol;
    v.leader = g.leader;
    v.current_state_timestamp = g.state_timestamp_ms;
    for (const auto& [id, m] : g.members) {
        group_metadata_value::member out;
        out.member_id = id;
        out.group_instance_id = m.instance_id;
        out.client_id = m.client_id;
        out.client_host = m.client_host;
        out.rebalance_timeout = m.rebalance_timeout_ms;
        out.session_timeout = m.session_timeout_ms;
        if (const auto* metadata = g.protocol ? m.metadata_for(*g.protocol) : nullptr) out.subscription = *metadata;
        out.assignment = m.assignment;
        v.members.push_back(std::move(out));
    }
    protocol::record r = make_record(encode_key(group_metadata_key{g.id}), encode_value(v), wall_clock_ms());
    return append(g.id, std::span<const protocol::record>(&r, 1));
}

int32_t group_coordinator::partition_of(const std::string& group_id) const {
    return offsets_partition_for(group_id, backend_.partition_count());
}

result<void> group_coordinator::load() {
    int32_t partitions = backend_.partition_count();
    for (int32_t p = 0; p < partitions; ++p)
        if (auto epoch = backend_.led_epoch(p))
            if (auto loaded = load_partition(p, *epoch); !loaded) return loaded;
    return {};
}

// Replays the partition's log up to its end (its uncommitted tail too, as Kafka's coordinator does: a new
// leader's log end is what it will commit) into the groups it holds, replacing whatever was kept of them.
result<void> group_coordinator::load_partition(int32_t partition, int32_t epoch) {
    unload_partition(partition);
    int64_t now_steady = steady_clock_ms();
    auto replayed = backend_.replay(partition, [&](const protocol::record& rec) {
        if (!rec.key) return;
        auto key = decode_key(*rec.key);
        if (!key) return;
        if (auto* ok = std::get_if<offset_commit_key>(&*key)) {
            group& g = get_or_create(ok->group);
            topic_partition tp{ok->topic, ok->partition};
            if (!rec.value) {
                g.offsets.erase(tp);
                return;
            }
            auto value = decode_offset_value(*rec.value);
            if (!value) return;
            g.offsets[tp] = {value->offset, value->leader_epoch, value->metadata, value->commit_timestamp};
        } else if (auto* gk = std::get_if<group_metadata_key>(&*key)) {
            group& g = get_or_create(gk->group);
            g.members.clear();
            g.static_members.clear();
            if (!rec.value) {  // tombstone: the group is gone (its offsets have their own tombstones)
                g.protocol_type.clear();
                g.generation = 0;
                g.protocol.reset();
                g.leader.reset();
                return;
            }
            auto value = decode_group_value(*rec.value);
            if (!value) return;
            g.protocol_type = value->protocol_type;
            g.generation = value->generation;
            g.protocol = value->protocol;
            g.leader = value->leader;
            g.state_timestamp_ms = value->current_state_timestamp >= 0 ? value->current_state_timestamp : rec.timestamp;
            for (const auto& m : value->members) {
                member out;
                out.id = m.member_id;
                out.instance_id = m.group_instance_id;
                out.client_id = m.client_id;
                out.client_host = m.client_host;
                out.rebalance_timeout_ms = m.rebalance_timeout;
                out.session_timeout_ms = m.session_timeout;
                if (value->protocol) out.protocols.push_back({*value->protocol, m.subscription});
                out.assignment = m.assignment;
                out.is_new = false;
                if (out.instance_id) g.static_members[*out.instance_id] = out.id;
                g.members.emplace(out.id, std::move(out));
            }
        }
    });
    if (!replayed) {
        unload_partition(partition);
        return replayed;
    }
    for (auto it = groups_.begin(); it != groups_.end();) {
        group& g = *it->second;
        if (partition_of(g.id) != partition) {
            ++it;
            continue;
        }
        if (g.members.empty() && g.offsets.empty() && g.protocol_type.empty() && g.generation == 0) {
            it = groups_.erase(it);
            continue;
        }
        // Members come back as they were: their sessions start now, so consumers that reconnect and heartbeat
        // carry on without a rebalance, and those that are gone expire.
        g.state = g.members.empty() ? group_state::empty : group_state::stable;
        for (auto& [id, m] : g.members) m.last_heartbeat_ms = now_steady;
        ++it;
    }
    loaded_[partition] = epoch;
    return {};
}

// Another node coordinates these groups now: parked JoinGroup/SyncGroup requests hear NOT_COORDINATOR, and
// the members find the new coordinator and rejoin there.
void group_coordinator::unload_partition(int32_t partition) {
    loaded_.erase(partition);
    for (auto it = groups_.begin(); it != groups_.end();) {
        group& g = *it->second;
        if (partition_of(g.id) != partition) {
            ++it;
            continue;
        }
        for (auto& [id, m] : g.members) {
            if (m.join) {
                protocol::join_group_response r;
                r.error_code = code(error_code::not_coordinator);
                r.member_id = id;
                m.join->complete(std::move(r));
            }
            if (m.sync) {
                protocol::sync_group_response r;
                r.error_code = code(error_code::not_coordinator);
                m.sync->complete(std::move(r));
            }
            m.join.reset();
            m.sync.reset();
        }
        g.state = group_state::dead;
        it = groups_.erase(it);
    }
}

void group_coordinator::on_leadership_change() {
    if (stopped_ || reconcile_pending_) return;
    reconcile_pending_ = true;
    // Not now: this runs inside the metadata apply, which may itself run inside a coordinator call.
    asio::post(io_, [this] {
        reconcile_pending_ = false;
        if (!stopped_) reconcile();
    });
}

void group_coordinator::reconcile() {
    int32_t partitions = backend_.partition_count();
    for (int32_t p = 0; p < partitions; ++p) {
        auto epoch = backend_.led_epoch(p);
        auto loaded = loaded_.find(p);
        if (epoch) {
            if (loaded != loaded_.end() && loaded->second == *epoch) continue;
            if (auto ok = load_partition(p, *epoch); !ok)
                log_warning("group coordinator: cannot load __consumer_offsets-" + std::to_string(p) + ": " +
                            ok.err().message);
        } else if (loaded != loaded_.end()) {
            unload_partition(p);
        }
    }
    std::vector<int32_t> gone;  // partitions beyond the count (the topic was deleted)
    for (const auto& [p, epoch] : loaded_)
        if (p >= partitions) gone.push_back(p);
    for (int32_t p : gone) unload_partition(p);
}

error_code group_coordinator::coordinator_error(const std::string& group_id, bool create) {
    if (backend_.partition_count() == 0) {
        if (!create) return error_code::none;  // no topic: no group anywhere
        if (auto ready = ensure_offsets_topic(); !ready || backend_.partition_count() == 0)
            return error_code::coordinator_not_available;
    }
    int32_t p = partition_of(group_id);
    auto epoch = backend_.led_epoch(p);
    if (!epoch) return error_code::not_coordinator;
    if (auto loaded = loaded_.find(p); loaded != loaded_.end() && loaded->second == *epoch) return error_code::none;
    // Led but not loaded yet (the reconcile after the leadership change has not run): load it now. Loading
    // runs on the io thread in one go, so no request sees a partition half loaded; one whose log cannot be
    // read yet is reported as loading and retried by the client.
    if (auto ok = load_partition(p, *epoch); !ok) return error_code::coordinator_load_in_progress;
    return error_code::none;
}

void group_coordinator::schedule_retention() {
    if (stopped_) return;
    retention_timer_.expires_after(std::chrono::milliseconds(config_.offsets_retention_check_ms));
    retention_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        expire_offsets(wall_clock_ms());
        schedule_retention();
    });
}

std::size_t group_coordinator::expire_offsets(int64_t now) {
    std::size_t expired = 0;
    for (auto it = groups_.begin(); it != groups_.end();) {
        group& g = *it->second;
        std::vector<topic_partition> gone;
        if (g.is(group_state::empty)) {
            // KIP-211: a consumer group's offsets expire together, once the group has been empty long enough;
            // a group that only commits (no protocol type) expires each offset by its commit time.
            bool group_expired = !g.protocol_type.empty() && now - g.state_timestamp_ms >= config_.offsets_retention_ms;
            for (const auto& [tp, o] : g.offsets)
                if (group_expired || (g.protocol_type.empty() && now - o.commit_timestamp >= config_.offsets_retention_ms))
                    gone.push_back(tp);
        }
        std::vector<protocol::record> tombstones;
        for (const auto& tp : gone) tombstones.push_back(offset_record(g.id, tp, nullptr, now));
        bool remove_group = g.is(group_state::empty) && g.offsets.size() == gone.size() &&
                            now - g.state_timestamp_ms >= config_.offsets_retention_ms;
        if (remove_group) tombstones.push_back(make_record(encode_key(group_metadata_key{g.id}), std::nullopt, now));
        if (!tombstones.empty()) {
            if (auto ok = append(g.id, tombstones); !ok) {
                ++it;
                continue;
            }
            for (const auto& tp : gone) g.offsets.erase(tp);
            expired += gone.size();
        }
        if (remove_group) {
            g.state = group_state::dead;
            it = groups_.erase(it);
        } else {
            ++it;
        }
    }
    return expired;
}

// ---- OffsetCommit / OffsetFetch --------------------------------------------------------------------------

namespace {
// Kafka's mapping of a failed __consumer_offsets append to what the committer is told.
error_code commit_failure(error_code e) {
    switch (e) {
        case error_code::not_leader_or_follower:
        case error_code::kafka_storage_error: return error_code::not_coordinator;
        case error_code::not_coordinator:
        case error_code::coordinator_load_in_progress: return e;
        default: return error_code::coordinator_not_available;
    }
}
}  // namespace

awaitable<protocol::offset_commit_response> group_coordinator::commit_offsets(const protocol::offset_commit_request& request) {
    protocol::offset_commit_response response;
    auto answer_all = [&](error_code e) {
        response.topics.clear();
        for (const auto& t : request.topics) {
            auto& out = response.topics.emplace_back();
            out.name = t.name;
            for (const auto& p : t.partitions) out.partitions.push_back({p.partition_index, code(e)});
        }
        return response;
    };
    if (request.group_id.empty()) co_return answer_all(error_code::invalid_group_id);
    if (auto e = coordinator_error(request.group_id); e != error_code::none) co_return answer_all(e);
    group* g = find(request.group_id);
    if (g == nullptr) {
        // No such group: a group that does not use the coordinator for membership may commit (generation -1);
        // anything else is a member of a generation that no longer exists.
        if (request.generation_id >= 0) co_return answer_all(error_code::illegal_generation);
    } else if (g->is(group_state::dead)) {
        co_return answer_all(error_code::coordinator_not_available);
    } else if (request.generation_id < 0 && g->is(group_state::empty)) {
        // Admin-style commit to an empty group (offset reset): allowed.
    } else {
        if (request.group_instance_id) {
            auto known = g->static_members.find(*request.group_instance_id);
            if (known != g->static_members.end() && known->second != request.member_id)
                co_return answer_all(error_code::fenced_instance_id);
        }
        if (g->is(group_state::completing_rebalance)) co_return answer_all(error_code::rebalance_in_progress);
        auto m = g->members.find(request.member_id);
        if (m == g->members.end()) co_return answer_all(error_code::unknown_member_id);
        if (request.generation_id != g->generation) co_return answer_all(error_code::illegal_generation);
        m->second.last_heartbeat_ms = steady_clock_ms();
    }

    int64_t now = wall_clock_ms();
    std::vector<protocol::record> records;
    std::vector<std::pair<topic_partition, committed_offset>> accepted;
    for (const auto& t : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.name = t.name;
        for (const auto& p : t.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = p.partition_index;
            if (!backend_.partition_exists(t.name, p.partition_index)) {
                out.error_code = code(error_code::unknown_topic_or_partition);
                continue;
            }
            if (p.committed_metadata && static_cast<int64_t>(p.committed_metadata->size()) > config_.max_metadata_bytes) {
                out.error_code = code(error_code::offset_metadata_too_large);
                continue;
            }
            committed_offset value{p.committed_offset, p.committed_leader_epoch, p.committed_metadata.value_or(""),
                                   p.commit_timestamp >= 0 ? p.commit_timestamp : now};
            topic_partition tp{t.name, p.partition_index};
            records.push_back(offset_record(request.group_id, tp, &value, now));
            accepted.emplace_back(std::move(tp), std::move(value));
        }
    }
    if (records.empty()) co_return response;
    // acks=all: acknowledged once every ISR member has the commit, so a new coordinator loads it.
    int32_t partition = partition_of(request.group_id);
    error_code failure = error_code::none;
    if (auto ok = append(request.group_id, records); !ok) {
        failure = commit_failure(ok.err().code);
    } else if (auto committed = co_await backend_.wait_committed(partition, config_.offsets_commit_timeout_ms);
               !committed) {
        failure = commit_failure(committed.err().code);
    }
    if (failure != error_code::none) {
        for (auto& t : response.topics)
            for (auto& p : t.partitions)
                if (p.error_code == 0) p.error_code = code(failure);
        co_return response;
    }
    // The group may have gone meanwhile (unloaded with its partition, or deleted): look it up again. When this
    // node no longer coordinates it, the commit is in the log and the new coordinator loads it from there.
    if (coordinator_error(request.group_id, false) != error_code::none) co_return response;
    group* current = find(request.group_id);
    group& target = current ? *current : get_or_create(request.group_id);
    for (auto& [tp, value] : accepted) target.offsets[tp] = std::move(value);
    co_return response;
}

protocol::offset_fetch_response group_coordinator::fetch_offsets(const protocol::offset_fetch_request& request,
                                                                 int16_t version) {
    auto fetch_group = [&](const std::string& group_id,
                           const std::optional<std::vector<protocol::offset_fetch_request::topic>>& topics) {
        std::vector<protocol::offset_fetch_response::topic> out;
        const group* g = find_group(group_id);
        auto fill = [](protocol::offset_fetch_response::partition& p, const committed_offset* o) {
            p.committed_offset = o ? o->offset : -1;
            p.committed_leader_epoch = o ? o->leader_epoch : -1;
            p.metadata = o ? o->metadata : std::string{};
        };
        if (!topics) {  // every committed partition
            if (g == nullptr) return out;
            for (const auto& [tp, o] : g->offsets) {
                if (out.empty() || out.back().name != tp.first) out.push_back({tp.first, {}});
                auto& p = out.back().partitions.emplace_back();
                p.partition_index = tp.second;
                fill(p, &o);
            }
            return out;
        }
        for (const auto& t : *topics) {
            auto& topic_out = out.emplace_back();
            topic_out.name = t.name;
            for (int32_t index : t.partition_indexes) {
                auto& p = topic_out.partitions.emplace_back();
                p.partition_index = index;
                const committed_offset* o = nullptr;
                if (g)
                    if (auto it = g->offsets.find({t.name, index}); it != g->offsets.end()) o = &it->second;
                fill(p, o);
            }
        }
        return out;
    };
    protocol::offset_fetch_response response;
    if (version >= 8) {
        for (const auto& wanted : request.groups) {
            auto& out = response.groups.emplace_back();
            out.group_id = wanted.group_id;
            if (wanted.group_id.empty()) out.error_code = code(error_code::invalid_group_id);
            else if (auto e = coordinator_error(wanted.group_id, false); e != error_code::none) out.error_code = code(e);
            else out.topics = fetch_group(wanted.group_id, wanted.topics);
        }
        return response;
    }
    if (auto e = coordinator_error(request.group_id, false); e != error_code::none) {
        // v2-7 carry the error at the top; v0-1 only per partition.
        response.error_code = code(e);
        if (request.topics)
            for (const auto& t : *request.topics) {
                auto& topic_out = response.topics.emplace_back();
                topic_out.name = t.name;
                for (int32_t index : t.partition_indexes) {
                    auto& p = topic_out.partitions.emplace_back();
                    p.partition_index = index;
                    p.committed_offset = -1;
                    p.error_code = code(e);
                }
            }
        return response;
    }
    response.topics = fetch_group(request.group_id, request.topics);
    return response;
}

// ---- ListGroups / DescribeGroups / DeleteGroups / OffsetDelete -------------------------------------------

protocol::list_groups_response group_coordinator::list_groups(const protocol::list_groups_request& request) {
    protocol::list_groups_response response;
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        return s;
    };
    std::set<std::string> wanted;
    for (const auto& s : request.states_filter) wanted.insert(lower(s));
    for (const auto& [id, g] : groups_) {
        if (g->is(group_state::dead)) continue;
        if (!backend_.led_epoch(partition_of(id))) continue;  // leadership moved; unloaded on the next reconcile
        std::string state(state_name(g->state));
        if (!wanted.empty() && !wanted.contains(lower(state))) continue;
        response.groups.push_back({id, g->protocol_type, state});
    }
    return response;
}

protocol::describe_groups_response group_coordinator::describe_groups(const protocol::describe_groups_request& request) {
    protocol::describe_groups_response response;
    for (const auto& id : request.groups) {
        auto& out = response.groups.emplace_back();
        out.group_id = id;
        const group* g = find_group(id);
        if (id.empty()) {
            out.error_code = code(error_code::invalid_group_id);
            continue;
        }
        if (auto e = coordinator_error(id, false); e != error_code::none) {
            out.error_code = code(e);
            continue;
        }
        g = find_group(id);  // a load on demand may have brought it
        if (g == nullptr) {  // Kafka describes an unknown group as Dead, without an error
            out.group_state = std::string(state_name(group_state::dead));
            continue;
        }
        out.group_state = std::string(state_name(g->state));
        out.protocol_type = g->protocol_type;
        bool stable = g->is(group_state::stable);
        out.protocol_data = stable ? g->protocol.value_or("") : std::string{};
        for (const auto& [mid, m] : g->members) {
            auto& mo = out.members.emplace_back();
            mo.member_id = mid;
            mo.group_instance_id = m.instance_id;
            mo.client_id = m.client_id;
            mo.client_host = m.client_host;
            if (stable) {
                if (const auto* metadata = g->protocol ? m.metadata_for(*g->protocol) : nullptr) mo.member_metadata = *metadata;
                mo.member_assignment = m.assignment;
            }
        }
    }
    return response;
}

protocol::delete_groups_response group_coordinator::delete_groups(const protocol::delete_groups_request& request) {
    protocol::delete_groups_response response;
    int64_t now = wall_clock_ms();
    for (const auto& id : request.groups_names) {
        auto& out = response.results.emplace_back();
        out.group_id = id;
        error_code coordinator = id.empty() ? error_code::none : coordinator_error(id, false);
        group* g = find(id);
        if (id.empty()) {
            out.error_code = code(error_code::invalid_group_id);
        } else if (coordinator != error_code::none) {
            out.error_code = code(coordinator);
        } else if (g == nullptr || g->is(group_state::dead)) {
            out.error_code = code(error_code::group_id_not_found);
        } else if (!g->is(group_state::empty)) {
            out.error_code = code(error_code::non_empty_group);
        } else {
            std::vector<protocol::record> tombstones;
            for (const auto& [tp, o] : g->offsets) tombstones.push_back(offset_record(id, tp, nullptr, now));
            tombstones.push_back(make_record(encode_key(group_metadata_key{id}), std::nullopt, now));
            if (auto ok = append(id, tombstones); !ok) {
                out.error_code = code(error_code::coordinator_not_available);
                continue;
            }
            g->state = group_state::dead;
            groups_.erase(id);
        }
    }
    return response;
}

protocol::offset_delete_response group_coordinator::delete_offsets(const protocol::offset_delete_request& request) {
    protocol::offset_delete_response response;
    if (request.group_id.empty()) {
        response.error_code = code(error_code::invalid_group_id);
        return response;
    }
    if (auto e = coordinator_error(request.group_id, false); e != error_code::none) {
        response.error_code = code(e);
        return response;
    }
    group* g = find(request.group_id);
    if (g == nullptr || g->is(group_state::dead)) {
        response.error_code = code(error_code::group_id_not_found);
        return response;
    }
    std::set<std::string> subscribed;
    if (!g->is(group_state::empty)) {
        if (g->protocol_type != "consumer") {
            response.error_code = code(error_code::non_empty_group);
            return response;
        }
        for (const auto& [id, m] : g->members)
            if (const auto* metadata = g->protocol ? m.metadata_for(*g->protocol) : nullptr)
                subscribed.merge(subscribed_topics(*metadata));
    }
    int64_t now = wall_clock_ms();
    std::vector<protocol::record> tombstones;
    std::vector<topic_partition> removed;
    for (const auto& t : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.name = t.name;
        for (const auto& p : t.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = p.partition_index;
            if (subscribed.contains(t.name)) {
                out.error_code = code(error_code::group_subscribed_to_topic);
                continue;
            }
            topic_partition tp{t.name, p.partition_index};
            if (g->offsets.contains(tp)) {
                tombstones.push_back(offset_record(g->id, tp, nullptr, now));
                removed.push_back(tp);
            }
        }
    }
    if (!tombstones.empty()) {
        if (auto ok = append(g->id, tombstones); !ok) {
            response.error_code = code(error_code::coordinator_not_available);
            return response;
        }
        for (const auto& tp : removed) g->offsets.erase(tp);
    }
    return response;
}

}  // namespace sluice::group
