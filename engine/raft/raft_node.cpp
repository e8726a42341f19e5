// raft_node: life cycle, timers and state transitions. Elections are in raft_node_vote.cpp, replication
// (Fetch, FetchSnapshot, high watermark, long polls) in raft_node_fetch.cpp.
#include "engine/raft/raft_node.h"

#include <algorithm>
#include <limits>

namespace sluice::raft {

std::string_view role_name(role r) {
    switch (r) {
        case role::unattached: return "unattached";
        case role::voted: return "voted";
        case role::candidate: return "candidate";
        case role::leader: return "leader";
        case role::follower: return "follower";
        case role::resigned: return "resigned";
    }
    return "?";
}

namespace {

void put_int32(bytes& out, int32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(static_cast<uint32_t>(v) >> shift));
}

// The LeaderChange control entry a new leader writes first (Kafka's LeaderChangeMessage: leader id and the
// voters). Committing it is what lets the leader advance the high watermark in its epoch.
bytes leader_change_payload(node_id leader, const std::vector<node_id>& voters) {
    bytes out;
    put_int32(out, leader.value());
    put_int32(out, static_cast<int32_t>(voters.size()));
    for (auto v : voters) put_int32(out, v.value());
    return out;
}

}  // namespace

raft_node::raft_node(raft_config cfg, raft_log& log, quorum_state_store& store)
    : cfg_(std::move(cfg)), log_(log), store_(store), rng_(cfg_.seed) {
    // Correlation ids must not repeat across restarts, or a late answer to the previous life's fetch could
    // pass for one of ours: start from a random point (the seed differs per start).
    next_correlation_id_ = (static_cast<uint64_t>(rng_()) << 32) | 1;
}

result<void> raft_node::start(int64_t now) {
    auto stored = store_.read();
    if (!stored) {
        failure_ = stored.err();
        return stored.err();
    }
    quorum_state s = stored->value_or(quorum_state{});
    // The log never holds an epoch the store has not seen (the epoch is persisted before anything is
    // appended in it), but take the larger one so that a lost store cannot rewind us.
    epoch_ = std::max(s.epoch, log_.last_epoch());
    election_deadline_ = now + random_election_timeout();  // become_unattached keeps it
    if (epoch_ != s.epoch) {
        become_unattached(epoch_, now);
    } else if (s.leader_id && *s.leader_id == cfg_.id) {
        // A leader cannot resume its epoch (its in-memory follower state is gone): resign and let the
        // quorum move on, as KRaft does.
        leader_ = s.leader_id;
        voted_for_ = s.voted_for;
        become_resigned(now);
    } else if (s.leader_id) {
        voted_for_ = s.voted_for;
        become_follower(epoch_, *s.leader_id, now);
    } else if (s.voted_for) {
        become_voted(epoch_, *s.voted_for, now);
    } else {
        become_unattached(epoch_, now);
    }
    if (failure_) return *failure_;
    // A quorum of one needs nobody's vote.
    if (cfg_.voters.size() == 1 && is_voter(cfg_.id) && role_ != role::leader) become_candidate(now);
    if (failure_) return *failure_;
    return {};
}

void raft_node::tick(int64_t now) {
    if (failure_) return;
    switch (role_) {
        case role::unattached:
        case role::voted:
            if (now >= election_deadline_) become_candidate(now);
            break;
        case role::candidate:
            if (now >= election_deadline_) {
                become_candidate(now);
            } else if (!backing_off_ && now >= vote_resend_at_) {
                send_vote_requests(now);
            }
            break;
        case role::leader:
            check_quorum(now);
            if (role_ != role::leader) break;
            complete_parked_fetches(now, true);
            if (now >= begin_resend_at_) send_begin_quorum_epochs(now);
            break;
        case role::follower:
            if (now >= fetch_deadline_) {
                become_candidate(now);
            } else if (!fetch_in_flight_ || now >= fetch_resend_at_) {
                send_fetch(now);
            }
            break;
        case role::resigned:
            if (now >= election_deadline_) {
                become_candidate(now);
            } else if (now >= end_resend_at_) {
                send_end_quorum_epochs(now);
            }
            break;
    }
}

void raft_node::receive(const envelope& env, int64_t now) {
    if (failure_ || env.to != cfg_.id || env.from == cfg_.id) return;
    const node_id from = env.from;
    replying_to_ = env.correlation_id;
    std::visit(
        [&](const auto& m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, vote_request>) on_vote_request(from, m, now);
            else if constexpr (std::is_same_v<T, vote_response>) on_vote_response(from, m, now);
            else if constexpr (std::is_same_v<T, begin_quorum_epoch_request>) on_begin_quorum_epoch(from, m, now);
            else if constexpr (std::is_same_v<T, begin_quorum_epoch_response>) on_begin_quorum_epoch_response(from, m, now);
            else if constexpr (std::is_same_v<T, end_quorum_epoch_request>) on_end_quorum_epoch(from, m, now);
            else if constexpr (std::is_same_v<T, end_quorum_epoch_response>) on_end_quorum_epoch_response(from, m, now);
            else if constexpr (std::is_same_v<T, fetch_request>) on_fetch(from, m, now);
            else if constexpr (std::is_same_v<T, fetch_response>) on_fetch_response(from, m, now);
            else if constexpr (std::is_same_v<T, fetch_snapshot_request>) on_fetch_snapshot(from, m, now);
            else if constexpr (std::is_same_v<T, fetch_snapshot_response>) on_fetch_snapshot_response(from, m, now);
        },
        env.body);
}

result<log_offset> raft_node::propose(std::vector<bytes> payloads, int64_t now) {
    if (failure_) return *failure_;
    if (role_ != role::leader)
        return make_error(error_code::not_leader_or_follower, "raft: only the leader accepts proposals");
    if (payloads.empty()) return make_error(error_code::invalid_request, "raft: nothing to propose");
    std::vector<log_entry> entries;
    entries.reserve(payloads.size());
    for (auto& p : payloads) entries.push_back(log_entry{epoch_, false, std::move(p)});
    if (auto r = log_.append(entries); !r) return r.err();
    maybe_advance_high_watermark();  // a quorum of one commits at once
    complete_parked_fetches(now, false);
    return log_.end_offset() - 1;
}

void raft_node::resign(int64_t now) {
    if (!failure_ && role_ == role::leader) become_resigned(now);
}

result<offset_and_epoch> raft_node::create_snapshot(log_offset end, bytes state) {
    if (end > hw_ || end < log_.start_offset() || end <= log_offset{0})
        return make_error(error_code::offset_out_of_range, "raft: a snapshot must end within the committed log");
    auto epoch = log_.epoch_at(end - 1);
    if (!epoch) return make_error(error_code::offset_out_of_range, "raft: no entry before the snapshot end");
    offset_and_epoch id{end, *epoch};
    if (auto r = log_.create_snapshot(id, std::move(state)); !r) return r.err();
    return id;
}

std::vector<envelope> raft_node::take_outbox() { return std::exchange(outbox_, {}); }

std::vector<log_entry> raft_node::committed_since(log_offset from, std::size_t max_entries) const {
    if (hw_ <= from) return {};
    auto n = std::min<std::size_t>(max_entries, static_cast<std::size_t>(hw_ - from));
    return log_.read(from, n, std::numeric_limits<std::size_t>::max());
}

std::map<node_id, replica_state> raft_node::replica_states() const {
    if (role_ != role::leader) return {};
    auto out = replicas_;
    out[cfg_.id] = replica_state{log_.end_offset(), -1, -1};
    return out;
}

// ---- transitions -------------------------------------------------------------------------------------

void raft_node::become_unattached(epoch_id e, int64_t now) {
    // A voter already waiting for an election keeps its timer (as KRaft does): otherwise a voter that keeps
    // losing (say, one with a stale log back from a partition) would reset everyone's timer with each new
    // epoch it tries, and nobody with a good log would ever stand.
    const bool keep_timer = role_ == role::unattached || role_ == role::voted || role_ == role::candidate;
    role_ = role::unattached;
    epoch_ = e;
    voted_for_.reset();
    leader_.reset();
    parked_.clear();
    download_.reset();
    if (!persist()) return;
    if (!keep_timer) election_deadline_ = now + random_election_timeout();
}

void raft_node::become_voted(epoch_id e, node_id candidate, int64_t now) {
    role_ = role::voted;
    epoch_ = e;
    voted_for_ = candidate;
    leader_.reset();
    // Persisted before the vote response leaves (the caller sends it after this returns).
    if (!persist()) return;
    election_deadline_ = now + random_election_timeout();
}

void raft_node::become_candidate(int64_t now) {
    if (!is_voter(cfg_.id)) return;
    role_ = role::candidate;
    epoch_ = next(epoch_);
    voted_for_ = cfg_.id;
    leader_.reset();
    parked_.clear();
    download_.reset();
    if (!persist()) return;
    granted_ = {cfg_.id};
    rejected_.clear();
    backing_off_ = false;
    election_deadline_ = now + random_election_timeout();
    if (granted_.size() >= majority()) {
        become_leader(now);
        return;
    }
    send_vote_requests(now);
}

void raft_node::become_leader(int64_t now) {
    role_ = role::leader;
    leader_ = cfg_.id;
    if (!persist()) return;
    leader_since_ms_ = now;
    replicas_.clear();
    for (auto v : cfg_.voters)
        if (v != cfg_.id) replicas_[v] = replica_state{};
    begin_acked_.clear();
    parked_.clear();
    hw_sent_.clear();
    // Entries of older epochs are committed only through an entry of this epoch (Raft §5.4.2): the
    // LeaderChange entry at epoch_start_offset_ is that entry.
    epoch_start_offset_ = log_.end_offset();
    log_entry change{epoch_, true, leader_change_payload(cfg_.id, cfg_.voters)};
    if (auto r = log_.append(std::span<const log_entry>(&change, 1)); !r) {
        failure_ = r.err();
        return;
    }
    send_begin_quorum_epochs(now);
    maybe_advance_high_watermark();
}

void raft_node::become_follower(epoch_id e, node_id leader, int64_t now) {
    if (e != epoch_) voted_for_.reset();
    role_ = role::follower;
    epoch_ = e;
    leader_ = leader;
    parked_.clear();
    download_.reset();
    fetches_out_.clear();
    if (!persist()) return;
    fetch_deadline_ = now + cfg_.fetch_timeout_ms;
    fetch_in_flight_ = false;
    send_fetch(now);
}

void raft_node::become_resigned(int64_t now) {
    role_ = role::resigned;
    parked_.clear();
    end_acked_.clear();
    // The quorum state stays "leader = me in this epoch": nobody else may lead it.
    election_deadline_ = now + cfg_.election_timeout_ms;
    send_end_quorum_epochs(now);
}

bool raft_node::observe_epoch(epoch_id e, std::optional<node_id> leader, int64_t now) {
    if (e < epoch_) return false;
    if (e > epoch_) {
        if (leader && *leader != cfg_.id) become_follower(e, *leader, now);
        else become_unattached(e, now);
        return true;
    }
    // Same epoch: learning its leader ends an election we are part of.
    if (leader && *leader != cfg_.id &&
        (role_ == role::unattached || role_ == role::voted || role_ == role::candidate))
        become_follower(e, *leader, now);
    return true;
}

bool raft_node::persist() {
    if (auto r = store_.write(quorum_state{epoch_, voted_for_, leader_}); !r) {
        failure_ = r.err();
        return false;
    }
    return true;
}

int64_t raft_node::random_election_timeout() {
    std::uniform_int_distribution<int64_t> jitter(0, std::max<int64_t>(cfg_.election_timeout_ms - 1, 0));
    return cfg_.election_timeout_ms + jitter(rng_);
}

bool raft_node::is_voter(node_id n) const {
    return std::find(cfg_.voters.begin(), cfg_.voters.end(), n) != cfg_.voters.end();
}

void raft_node::send(node_id to, message m) {
    const uint64_t correlation = is_response(m) ? replying_to_ : next_correlation_id_++;
    outbox_.push_back(envelope{cfg_.id, to, std::move(m), correlation});
}

void raft_node::check_quorum(int64_t now) {
    // A leader cut off from a majority must stop serving stale reads and let the others move on.
    if (cfg_.voters.size() == 1 || now - leader_since_ms_ < cfg_.fetch_timeout_ms) return;
    std::size_t alive = 1;
    for (const auto& [id, r] : replicas_)
        if (r.last_fetch_ms >= 0 && now - r.last_fetch_ms < cfg_.fetch_timeout_ms) ++alive;
    if (alive < majority()) become_resigned(now);
}

}  // namespace sluice::raft
