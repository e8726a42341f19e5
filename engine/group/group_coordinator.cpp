#include "engine/group/group_coordinator.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <random>

namespace sluice::group {

using protocol::error_code;

namespace {
constexpr int64_t new_member_join_timeout_ms = 300000;  // Kafka's: a new member's JoinGroup may wait this long

int16_t code(error_code e) { return static_cast<int16_t>(e); }


// Kafka's member ids: client id, a dash and a random UUID.
std::string new_member_id(const std::string& client_id) {
    static std::mt19937_64 rng{std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    std::string id = client_id + "-";
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
        id += hex[rng() % 16];
    }
    return id;
}

protocol::join_group_response join_error(error_code e, std::string member_id = {}) {
    protocol::join_group_response r;
    r.error_code = code(e);
    r.member_id = std::move(member_id);
    return r;
}

protocol::sync_group_response sync_error(error_code e) {
    protocol::sync_group_response r;
    r.error_code = code(e);
    return r;
}

bool same_protocols(const std::vector<protocol::join_group_request::protocol>& a,
                    const std::vector<protocol::join_group_request::protocol>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].metadata != b[i].metadata) return false;
    return true;
}
// A new member as its JoinGroup describes it (first join, or the second join after MEMBER_ID_REQUIRED).
member member_from_join(const std::string& id, const protocol::join_group_request& request,
                        const client_identity& client, int32_t rebalance_timeout, int64_t now) {
    member m;
    m.id = id;
    m.instance_id = request.group_instance_id;
    m.client_id = client.client_id;
    m.client_host = client.client_host;
    m.session_timeout_ms = request.session_timeout_ms;
    m.rebalance_timeout_ms = rebalance_timeout;
    m.protocols = request.protocols;
    m.last_heartbeat_ms = now;
    return m;
}
}  // namespace


std::string_view state_name(group_state state) {
    switch (state) {
        case group_state::empty: return "Empty";
        case group_state::preparing_rebalance: return "PreparingRebalance";
        case group_state::completing_rebalance: return "CompletingRebalance";
        case group_state::stable: return "Stable";
        case group_state::dead: return "Dead";
    }
    return "Unknown";
}

group_coordinator::group_coordinator(asio::io_context& io, coordinator_config config, offsets_backend& backend)
    : io_(io), config_(config), backend_(backend), tick_timer_(io), retention_timer_(io) {}

group_coordinator::~group_coordinator() { stop(); }

result<void> group_coordinator::start() {
    if (auto loaded = load(); !loaded) return loaded;
    schedule_tick();
    schedule_retention();
    return {};
}

void group_coordinator::stop() {
    if (stopped_) return;
    stopped_ = true;
    tick_timer_.cancel();
    retention_timer_.cancel();
}

result<void> group_coordinator::ensure_offsets_topic() {
    if (backend_.partition_count() > 0) return {};
    auto created = backend_.ensure_topic(config_.offsets_topic_partitions);
    if (!created) return created.err();
    return {};
}

group* group_coordinator::find(const std::string& id) {
    auto it = groups_.find(id);
    return it == groups_.end() ? nullptr : it->second.get();
}

const group* group_coordinator::find_group(const std::string& id) const {
    auto it = groups_.find(id);
    return it == groups_.end() ? nullptr : it->second.get();
}

std::map<group_state, std::size_t> group_coordinator::group_counts() const {
    std::map<group_state, std::size_t> counts;
    for (const auto& [id, g] : groups_) ++counts[g->state];
    return counts;
}

group& group_coordinator::get_or_create(const std::string& id) {
    auto& slot = groups_[id];
    if (!slot) {
        slot = std::make_unique<group>();
        slot->id = id;
        slot->state_timestamp_ms = wall_clock_ms();
    }
    return *slot;
}

// ---- JoinGroup -------------------------------------------------------------------------------------------

bool group_coordinator::supports_protocols(const group& g, const std::string& protocol_type,
                                           const std::vector<protocol::join_group_request::protocol>& protocols) const {
    if (protocol_type.empty() || protocols.empty()) return false;
    if (g.members.empty()) return true;
    if (protocol_type != g.protocol_type) return false;
    // At least one of the joiner's protocols must be supported by every current member.
    for (const auto& p : protocols) {
        bool everyone = std::all_of(g.members.begin(), g.members.end(),
                                    [&](const auto& m) { return m.second.metadata_for(p.name) != nullptr; });
        if (everyone) return true;
    }
    return false;
}

std::string group_coordinator::select_protocol(const group& g) const {
    // Candidates: protocols every member supports. Each member votes for its most preferred candidate.
    std::map<std::string, int> votes;
    const auto& first = g.members.begin()->second;
    for (const auto& p : first.protocols) {
        bool everyone = std::all_of(g.members.begin(), g.members.end(),
                                    [&](const auto& m) { return m.second.metadata_for(p.name) != nullptr; });
        if (everyone) votes[p.name] = 0;
    }
    for (const auto& [id, m] : g.members)
        for (const auto& p : m.protocols)
            if (auto it = votes.find(p.name); it != votes.end()) {
                ++it->second;
                break;
            }
    std::string best;
    int best_votes = -1;
    for (const auto& p : first.protocols)  // ties go to the first member's preference
        if (auto it = votes.find(p.name); it != votes.end() && it->second > best_votes) {
            best = p.name;
            best_votes = it->second;
        }
    return best;
}

awaitable<protocol::join_group_response> group_coordinator::join(const protocol::join_group_request& request,
                                                                 int16_t version, const client_identity& client) {
    if (request.group_id.empty()) co_return join_error(error_code::invalid_group_id, request.member_id);
    if (auto e = coordinator_error(request.group_id); e != error_code::none) co_return join_error(e, request.member_id);
    if (request.session_timeout_ms < config_.min_session_timeout_ms ||
        request.session_timeout_ms > config_.max_session_timeout_ms)
        co_return join_error(error_code::invalid_session_timeout, request.member_id);

    if (request.protocol_type.empty() || request.protocols.empty())
        co_return join_error(error_code::inconsistent_group_protocol, request.member_id);
    group* existing = find(request.group_id);
    if (existing == nullptr && !request.member_id.empty())
        co_return join_error(error_code::unknown_member_id, request.member_id);
    group& g = existing ? *existing : get_or_create(request.group_id);
    if (g.is(group_state::dead)) co_return join_error(error_code::coordinator_not_available, request.member_id);
    if (!supports_protocols(g, request.protocol_type, request.protocols))
        co_return join_error(error_code::inconsistent_group_protocol, request.member_id);

    int32_t rebalance_timeout = request.rebalance_timeout_ms >= 0 && version >= 1 ? request.rebalance_timeout_ms
                                                                                   : request.session_timeout_ms;
    auto waiter = std::make_shared<join_waiter>(io_);
    int64_t now = steady_clock_ms();

    if (request.member_id.empty()) {
        // A new member (or a static member coming back with a new incarnation).
        std::string member_id = new_member_id(client.client_id);
        if (request.group_instance_id) {
            auto known = g.static_members.find(*request.group_instance_id);
            if (known != g.static_members.end() && g.has_member(known->second)) {
                // Replace the old incarnation: its parked requests are fenced.
                member old = std::move(g.members.at(known->second));
                g.members.erase(known->second);
                if (old.join) old.join->complete(join_error(error_code::fenced_instance_id, old.id));
                if (old.sync) old.sync->complete(sync_error(error_code::fenced_instance_id));
                old.join.reset();
                old.sync.reset();
                bool was_leader = g.leader && *g.leader == old.id;
                old.id = member_id;
                old.client_id = client.client_id;
                old.client_host = client.client_host;
                old.session_timeout_ms = request.session_timeout_ms;
                old.rebalance_timeout_ms = rebalance_timeout;
                old.last_heartbeat_ms = now;
                bool unchanged = same_protocols(old.protocols, request.protocols);
                old.protocols = request.protocols;
                known->second = member_id;
                if (was_leader) g.leader = member_id;
                auto& m = g.members.emplace(member_id, std::move(old)).first->second;
                if (g.is(group_state::stable) && unchanged && !was_leader) {
                    // Nothing changed: hand back the current generation without a rebalance (KIP-345).
                    co_return join_result(g, m, false);
                }
                m.join = waiter;
                if (g.is(group_state::preparing_rebalance)) try_complete_join(g, false);
                else prepare_rebalance(g);
                if (!waiter->response) {
                    boost::system::error_code ec;
                    co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                }
                co_return waiter->response.value_or(join_error(error_code::unknown_server_error, member_id));
            }
        } else if (version >= 4) {
            // KIP-394: hand out the id first; the member joins with it in a second request.
            g.pending_members[member_id] = now + request.session_timeout_ms;
            co_return join_error(error_code::member_id_required, member_id);
        }
        if (g.members.empty()) g.protocol_type = request.protocol_type;
        add_member_and_rebalance(g, member_from_join(member_id, request, client, rebalance_timeout, now), waiter);
    } else {
        const std::string& member_id = request.member_id;
        if (auto pending = g.pending_members.find(member_id); pending != g.pending_members.end()) {
            g.pending_members.erase(pending);
            if (g.members.empty()) g.protocol_type = request.protocol_type;
            add_member_and_rebalance(g, member_from_join(member_id, request, client, rebalance_timeout, now), waiter);
        } else {
            if (request.group_instance_id) {
                auto known = g.static_members.find(*request.group_instance_id);
                if (known != g.static_members.end() && known->second != member_id)
                    co_return join_error(error_code::fenced_instance_id, member_id);
            }
            auto it = g.members.find(member_id);
            if (it == g.members.end() || g.is(group_state::empty))
                co_return join_error(error_code::unknown_member_id, member_id);
            member& m = it->second;
            m.client_id = client.client_id;
            m.client_host = client.client_host;
            m.session_timeout_ms = request.session_timeout_ms;
            m.rebalance_timeout_ms = rebalance_timeout;
            m.last_heartbeat_ms = now;
            if (m.join) m.join->complete(join_error(error_code::rebalance_in_progress, member_id));  // superseded
            switch (g.state) {
                case group_state::preparing_rebalance:
                    update_member_and_rebalance(g, m, request, waiter);
                    break;
                case group_state::completing_rebalance:
                    if (same_protocols(m.protocols, request.protocols)) co_return join_result(g, m, g.leader == m.id);
                    update_member_and_rebalance(g, m, request, waiter);
                    break;
                case group_state::stable:
                    if (g.leader != m.id && same_protocols(m.protocols, request.protocols))
                        co_return join_result(g, m, false);
                    update_member_and_rebalance(g, m, request, waiter);
                    break;
                default:
                    co_return join_error(error_code::unknown_member_id, member_id);
            }
        }
    }
    if (!waiter->response) {
        boost::system::error_code ec;
        co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return waiter->response.value_or(join_error(error_code::unknown_server_error, request.member_id));
}

void group_coordinator::add_member_and_rebalance(group& g, member m, std::shared_ptr<join_waiter> waiter) {
    m.join = std::move(waiter);
    m.is_new = true;
    if (m.instance_id) g.static_members[*m.instance_id] = m.id;
    std::string id = m.id;
    g.members.emplace(id, std::move(m));
    if (g.is(group_state::preparing_rebalance) && g.initial_delay) g.member_joined_during_delay = true;
    if (g.is(group_state::preparing_rebalance)) try_complete_join(g, false);
    else prepare_rebalance(g);
}

void group_coordinator::update_member_and_rebalance(group& g, member& m, const protocol::join_group_request& request,
                                                    std::shared_ptr<join_waiter> waiter) {
    m.protocols = request.protocols;
    m.join = std::move(waiter);
    if (g.is(group_state::preparing_rebalance)) try_complete_join(g, false);
    else prepare_rebalance(g);
}

void group_coordinator::reset_sync_waiters(group& g, error_code error) {
    for (auto& [id, m] : g.members) {
        m.assignment.clear();
        if (m.sync) {
            m.sync->complete(sync_error(error));
            m.sync.reset();
        }
    }
}

void group_coordinator::prepare_rebalance(group& g) {
    if (g.is(group_state::completing_rebalance)) reset_sync_waiters(g, error_code::rebalance_in_progress);
    int64_t now = steady_clock_ms();
    int32_t max_rebalance = 0;
    for (const auto& [id, m] : g.members) max_rebalance = std::max(max_rebalance, m.rebalance_timeout_ms);
    if (g.is(group_state::empty)) {
        g.initial_delay = true;
        int64_t delay = std::min<int64_t>(config_.initial_rebalance_delay_ms, max_rebalance);
        g.rebalance_deadline_ms = now + delay;
        g.initial_delay_remaining_ms = std::max<int64_t>(max_rebalance - delay, 0);
        g.member_joined_during_delay = false;
    } else {
        g.initial_delay = false;
        g.rebalance_deadline_ms = now + max_rebalance;
    }
    g.state = group_state::preparing_rebalance;
    g.state_timestamp_ms = wall_clock_ms();
    try_complete_join(g, false);
}

void group_coordinator::try_complete_join(group& g, bool deadline_passed) {
    if (!g.is(group_state::preparing_rebalance)) return;
    if (g.initial_delay) {
        // Kafka's InitialDelayedJoin: wait the delay; extend while new members keep arriving.
        if (!deadline_passed && steady_clock_ms() < g.rebalance_deadline_ms) return;
        if (g.member_joined_during_delay && g.initial_delay_remaining_ms > 0) {
            int64_t extend = std::min<int64_t>(config_.initial_rebalance_delay_ms, g.initial_delay_remaining_ms);
            g.initial_delay_remaining_ms -= extend;
            g.rebalance_deadline_ms = steady_clock_ms() + extend;
            g.member_joined_during_delay = false;
            return;
        }
        complete_join(g);
        return;
    }
    bool all_joined = g.pending_members.empty() &&
                      std::all_of(g.members.begin(), g.members.end(), [](const auto& m) { return m.second.join != nullptr; });
    if (all_joined || deadline_passed || steady_clock_ms() >= g.rebalance_deadline_ms) complete_join(g);
}

protocol::join_group_response group_coordinator::join_result(const group& g, const member& m, bool with_members) const {
    protocol::join_group_response r;
    r.generation_id = g.generation;
    r.protocol_type = g.protocol_type;
    r.protocol_name = g.protocol.value_or("");
    r.leader = g.leader.value_or("");
    r.member_id = m.id;
    if (with_members)
        for (const auto& [id, other] : g.members) {
            const auto* metadata = g.protocol ? other.metadata_for(*g.protocol) : nullptr;
            r.members.push_back({id, other.instance_id, metadata ? *metadata : protocol::bytes{}});
        }
    return r;
}

void group_coordinator::complete_join(group& g) {
    // Dynamic members that did not rejoin in time are gone; static ones keep their place.
    std::vector<std::string> missing;
    for (const auto& [id, m] : g.members)
        if (!m.join && !m.instance_id) missing.push_back(id);
    for (const auto& id : missing) remove_member(g, id, error_code::unknown_member_id);
    g.pending_members.clear();
    bool any_waiting = std::any_of(g.members.begin(), g.members.end(), [](const auto& m) { return m.second.join != nullptr; });
    if (!g.members.empty() && !any_waiting) {
        // Only absent static members remain: wait for them (or for their sessions to end).
        g.initial_delay = false;
        g.rebalance_deadline_ms = std::numeric_limits<int64_t>::max();
        return;
    }
    g.initial_delay = false;
    ++g.generation;
    g.state_timestamp_ms = wall_clock_ms();
    if (g.members.empty()) {
        g.state = group_state::empty;
        g.protocol.reset();
        g.leader.reset();
        (void)store_group(g);
        return;
    }
    g.protocol = select_protocol(g);
    if (!g.leader || !g.has_member(*g.leader) || !g.members.at(*g.leader).join) {
        for (const auto& [id, m] : g.members)
            if (m.join) {
                g.leader = id;
                break;
            }
    }
    g.state = group_state::completing_rebalance;
    int64_t now = steady_clock_ms();
    for (auto& [id, m] : g.members) {
        m.assignment.clear();
        m.last_heartbeat_ms = now;
        if (!m.join) continue;
        auto waiter = std::move(m.join);
        m.join.reset();
        m.is_new = false;
        waiter->complete(join_result(g, m, g.leader == id));
    }
}

// ---- SyncGroup -------------------------------------------------------------------------------------------

awaitable<protocol::sync_group_response> group_coordinator::sync(const protocol::sync_group_request& request,
                                                                 int16_t version) {
    (void)version;
    if (auto e = coordinator_error(request.group_id); e != error_code::none) co_return sync_error(e);
    group* g = find(request.group_id);
    if (g == nullptr) co_return sync_error(error_code::unknown_member_id);
    if (g->is(group_state::dead)) co_return sync_error(error_code::coordinator_not_available);
    if (request.group_instance_id) {
        auto known = g->static_members.find(*request.group_instance_id);
        if (known != g->static_members.end() && known->second != request.member_id)
            co_return sync_error(error_code::fenced_instance_id);
    }
    auto it = g->members.find(request.member_id);
    if (it == g->members.end()) co_return sync_error(error_code::unknown_member_id);
    if (request.generation_id != g->generation) co_return sync_error(error_code::illegal_generation);
    if ((request.protocol_type && *request.protocol_type != g->protocol_type) ||
        (request.protocol_name && g->protocol && *request.protocol_name != *g->protocol))
        co_return sync_error(error_code::inconsistent_group_protocol);
    member& m = it->second;
    m.last_heartbeat_ms = steady_clock_ms();
    auto answer = [&](const member& who) {
        protocol::sync_group_response r;
        r.protocol_type = g->protocol_type;
        r.protocol_name = g->protocol;
        r.assignment = who.assignment;
        return r;
    };
    switch (g->state) {
        case group_state::empty: co_return sync_error(error_code::unknown_member_id);
        case group_state::preparing_rebalance: co_return sync_error(error_code::rebalance_in_progress);
        case group_state::stable: co_return answer(m);
        case group_state::dead: co_return sync_error(error_code::coordinator_not_available);
        case group_state::completing_rebalance: break;
    }
    auto waiter = std::make_shared<sync_waiter>(io_);
    if (m.sync) m.sync->complete(sync_error(error_code::rebalance_in_progress));
    m.sync = waiter;
    if (g->leader == m.id) {
        for (auto& [id, other] : g->members) other.assignment.clear();
        for (const auto& a : request.assignments)
            if (auto target = g->members.find(a.member_id); target != g->members.end())
                target->second.assignment = a.assignment;
        if (auto stored = store_group(*g); !stored) {
            reset_sync_waiters(*g, error_code::coordinator_not_available);
            prepare_rebalance(*g);
        } else {
            g->state = group_state::stable;
            g->state_timestamp_ms = wall_clock_ms();
            for (auto& [id, other] : g->members)
                if (other.sync) {
                    auto w = std::move(other.sync);
                    other.sync.reset();
                    w->complete(answer(other));
                }
        }
    }
    if (!waiter->response) {
        boost::system::error_code ec;
        co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return waiter->response.value_or(sync_error(error_code::unknown_server_error));
}

// ---- Heartbeat and LeaveGroup ----------------------------------------------------------------------------

protocol::heartbeat_response group_coordinator::heartbeat(const protocol::heartbeat_request& request) {
    protocol::heartbeat_response r;
    auto fail = [&](error_code e) {
        r.error_code = code(e);
        return r;
    };
    if (auto e = coordinator_error(request.group_id); e != error_code::none) return fail(e);
    group* g = find(request.group_id);
    if (g == nullptr) return fail(error_code::unknown_member_id);
    if (g->is(group_state::dead)) return fail(error_code::coordinator_not_available);
    if (request.group_instance_id) {
        auto known = g->static_members.find(*request.group_instance_id);
        if (known != g->static_members.end() && known->second != request.member_id)
            return fail(error_code::fenced_instance_id);
    }
    auto it = g->members.find(request.member_id);
    if (it == g->members.end() || g->is(group_state::empty)) return fail(error_code::unknown_member_id);
    if (request.generation_id != g->generation) return fail(error_code::illegal_generation);
    it->second.last_heartbeat_ms = steady_clock_ms();
    if (g->is(group_state::preparing_rebalance)) return fail(error_code::rebalance_in_progress);
    return r;
}

protocol::leave_group_response group_coordinator::leave(const protocol::leave_group_request& request,
                                                        int16_t version) {
    protocol::leave_group_response r;
    std::vector<protocol::leave_group_request::member> leaving = request.members;
    if (version < 3) leaving = {{request.member_id, std::nullopt, std::nullopt}};
    if (auto e = coordinator_error(request.group_id); e != error_code::none) {
        r.error_code = code(e);
        return r;
    }
    group* g = find(request.group_id);
    if (g == nullptr || g->is(group_state::dead)) {
        r.error_code = code(g == nullptr ? error_code::unknown_member_id : error_code::coordinator_not_available);
        if (version >= 3 && g == nullptr) {
            r.error_code = 0;
            for (const auto& l : leaving) r.members.push_back({l.member_id, l.group_instance_id, code(error_code::unknown_member_id)});
        }
        return r;
    }
    bool removed_any = false;
    for (const auto& l : leaving) {
        error_code result = error_code::none;
        std::string member_id = l.member_id;
        if (l.group_instance_id) {
            auto known = g->static_members.find(*l.group_instance_id);
            if (known == g->static_members.end()) result = error_code::unknown_member_id;
            else if (!member_id.empty() && known->second != member_id) result = error_code::fenced_instance_id;
            else member_id = known->second;
        }
        if (result == error_code::none) {
            if (g->pending_members.erase(member_id) > 0) {
                removed_any = true;
            } else if (!g->has_member(member_id)) {
                result = error_code::unknown_member_id;
            } else {
                remove_member(*g, member_id, error_code::unknown_member_id);
                removed_any = true;
            }
        }
        r.members.push_back({l.member_id, l.group_instance_id, code(result)});
        if (version < 3) r.error_code = code(result);
    }
    if (removed_any) member_left(*g);
    return r;
}

void group_coordinator::remove_member(group& g, const std::string& member_id, error_code tell_waiters) {
    auto it = g.members.find(member_id);
    if (it == g.members.end()) return;
    member& m = it->second;
    if (m.join) m.join->complete(join_error(tell_waiters, member_id));
    if (m.sync) m.sync->complete(sync_error(tell_waiters));
    if (m.instance_id) {
        auto s = g.static_members.find(*m.instance_id);
        if (s != g.static_members.end() && s->second == member_id) g.static_members.erase(s);
    }
    if (g.leader == member_id) g.leader.reset();
    g.members.erase(it);
}

void group_coordinator::member_left(group& g) {
    switch (g.state) {
        case group_state::stable:
        case group_state::completing_rebalance: prepare_rebalance(g); break;
        case group_state::preparing_rebalance: try_complete_join(g, false); break;
        default: break;
    }
}

// ---- Deadlines -------------------------------------------------------------------------------------------

void group_coordinator::schedule_tick() {
    if (stopped_) return;
    tick_timer_.expires_after(std::chrono::milliseconds(config_.tick_ms));
    tick_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        tick();
        schedule_tick();
    });
}

void group_coordinator::tick() {
    int64_t now = steady_clock_ms();
    for (auto& [gid, gp] : groups_) {
        group& g = *gp;
        // Pending ids from MEMBER_ID_REQUIRED that never came back.
        bool changed = false;
        for (auto it = g.pending_members.begin(); it != g.pending_members.end();)
            if (it->second <= now) {
                it = g.pending_members.erase(it);
                changed = true;
            } else {
                ++it;
            }
        // Members whose session ran out. Parked requests keep a member alive (a new member's JoinGroup only
        // for Kafka's five minutes).
        std::vector<std::string> expired;
        for (const auto& [id, m] : g.members) {
            if (m.sync) continue;
            if (m.join) {
                if (m.is_new && now - m.last_heartbeat_ms > new_member_join_timeout_ms) expired.push_back(id);
                continue;
            }
            if (now - m.last_heartbeat_ms > m.session_timeout_ms) expired.push_back(id);
        }
        for (const auto& id : expired) remove_member(g, id, error_code::unknown_member_id);
        if (!expired.empty()) member_left(g);
        else if (changed || g.is(group_state::preparing_rebalance))
            try_complete_join(g, g.is(group_state::preparing_rebalance) && now >= g.rebalance_deadline_ms);
    }
}

}  // namespace sluice::group
