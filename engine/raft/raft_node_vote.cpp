// raft_node: elections (Vote) and leadership announcements (BeginQuorumEpoch, EndQuorumEpoch), KIP-595.
#include <algorithm>

#include "engine/raft/raft_node.h"

namespace sluice::raft {

void raft_node::send_vote_requests(int64_t now) {
    vote_request req{epoch_, cfg_.id, log_.last_epoch(), log_.end_offset()};
    for (auto v : cfg_.voters)
        if (v != cfg_.id && !granted_.count(v) && !rejected_.count(v)) send(v, req);
    // Requests and responses may be lost: ask the silent voters again, until the election times out.
    vote_resend_at_ = now + cfg_.request_timeout_ms;
}

void raft_node::on_vote_request(node_id from, const vote_request& req, int64_t now) {
    if (!is_voter(req.candidate_id) || req.candidate_id != from) {
        send(from, vote_response{error_code::inconsistent_voter_set, current_leader(), false});
        return;
    }
    if (req.candidate_epoch < epoch_) {
        send(from, vote_response{error_code::fenced_leader_epoch, current_leader(), false});
        return;
    }
    observe_epoch(req.candidate_epoch, std::nullopt, now);
    if (failure_) return;
    // Raft's up-to-date rule: the candidate's log must end at a (last epoch, end offset) no smaller than ours.
    const bool log_ok = req.last_offset_epoch > log_.last_epoch() ||
                        (req.last_offset_epoch == log_.last_epoch() && req.last_offset >= log_.end_offset());
    bool grant = false;
    if (role_ == role::unattached) grant = log_ok;
    else if (role_ == role::voted) grant = voted_for_ == req.candidate_id;
    // candidate (voted for itself), leader, follower, resigned: this epoch is taken.
    if (grant && role_ == role::unattached) {
        become_voted(epoch_, req.candidate_id, now);
        if (failure_) return;  // never grant a vote that is not on disk
    }
    send(from, vote_response{error_code::none, current_leader(), grant});
}

void raft_node::on_vote_response(node_id from, const vote_response& resp, int64_t now) {
    if (!observe_epoch(resp.leader.leader_epoch, resp.leader.leader_id, now)) return;
    if (role_ != role::candidate || resp.leader.leader_epoch != epoch_ || resp.error != error_code::none) return;
    if (resp.vote_granted) granted_.insert(from);
    else rejected_.insert(from);
    if (granted_.size() >= majority()) {
        become_leader(now);
    } else if (rejected_.size() >= majority() && !backing_off_) {
        // Lost: wait a random backoff before the next epoch so that competing candidates spread out.
        backing_off_ = true;
        std::uniform_int_distribution<int64_t> backoff(cfg_.retry_backoff_ms,
                                                       std::max(cfg_.retry_backoff_ms, cfg_.election_backoff_max_ms));
        election_deadline_ = now + backoff(rng_);
    }
}

void raft_node::send_begin_quorum_epochs(int64_t now) {
    for (auto v : cfg_.voters) {
        if (v == cfg_.id || begin_acked_.count(v) || replicas_[v].last_fetch_ms >= 0) continue;
        send(v, begin_quorum_epoch_request{cfg_.id, epoch_});
    }
    begin_resend_at_ = now + cfg_.request_timeout_ms;
}

void raft_node::on_begin_quorum_epoch(node_id from, const begin_quorum_epoch_request& req, int64_t now) {
    if (!is_voter(req.leader_id) || req.leader_id != from) {
        send(from, begin_quorum_epoch_response{error_code::inconsistent_voter_set, current_leader()});
        return;
    }
    if (req.leader_epoch < epoch_) {
        send(from, begin_quorum_epoch_response{error_code::fenced_leader_epoch, current_leader()});
        return;
    }
    observe_epoch(req.leader_epoch, req.leader_id, now);
    if (failure_) return;
    send(from, begin_quorum_epoch_response{error_code::none, current_leader()});
}

void raft_node::on_begin_quorum_epoch_response(node_id from, const begin_quorum_epoch_response& resp, int64_t now) {
    if (!observe_epoch(resp.leader.leader_epoch, resp.leader.leader_id, now)) return;
    if (role_ == role::leader && resp.leader.leader_epoch == epoch_ && resp.error == error_code::none)
        begin_acked_.insert(from);
}

void raft_node::send_end_quorum_epochs(int64_t now) {
    // Most caught-up first: they can win the next election, and they start it sooner (on_end_quorum_epoch).
    std::vector<node_id> successors;
    for (auto v : cfg_.voters)
        if (v != cfg_.id) successors.push_back(v);
    std::stable_sort(successors.begin(), successors.end(), [&](node_id a, node_id b) {
        return replicas_[a].log_end_offset > replicas_[b].log_end_offset;
    });
    for (auto v : successors)
        if (!end_acked_.count(v)) send(v, end_quorum_epoch_request{cfg_.id, epoch_, successors});
    end_resend_at_ = now + cfg_.request_timeout_ms;
}

void raft_node::on_end_quorum_epoch(node_id from, const end_quorum_epoch_request& req, int64_t now) {
    if (!is_voter(req.leader_id) || req.leader_id != from) {
        send(from, end_quorum_epoch_response{error_code::inconsistent_voter_set, current_leader()});
        return;
    }
    if (req.leader_epoch < epoch_) {
        send(from, end_quorum_epoch_response{error_code::fenced_leader_epoch, current_leader()});
        return;
    }
    observe_epoch(req.leader_epoch, req.leader_id, now);
    if (failure_) return;
    if (role_ == role::follower && leader_ == req.leader_id && epoch_ == req.leader_epoch) {
        // The leader is going away: elect sooner than the fetch timeout. The i-th preferred successor waits
        // retry_backoff * 2^i (capped), others a full election timeout, so the best candidate usually wins.
        auto it = std::find(req.preferred_successors.begin(), req.preferred_successors.end(), cfg_.id);
        int64_t wait = random_election_timeout();
        if (it != req.preferred_successors.end()) {
            auto pos = std::min<int64_t>(it - req.preferred_successors.begin(), 20);
            wait = std::min(cfg_.election_backoff_max_ms, cfg_.retry_backoff_ms << pos);
        }
        fetch_deadline_ = std::min(fetch_deadline_, now + wait);
    }
    send(from, end_quorum_epoch_response{error_code::none, current_leader()});
}

void raft_node::on_end_quorum_epoch_response(node_id from, const end_quorum_epoch_response& resp, int64_t now) {
    if (!observe_epoch(resp.leader.leader_epoch, resp.leader.leader_id, now)) return;
    if (role_ == role::resigned && resp.leader.leader_epoch == epoch_) end_acked_.insert(from);
}

}  // namespace sluice::raft
