// raft_node: pull replication. Followers Fetch from the leader with (fetch offset, last fetched epoch); the
// leader validates that against its log and answers with records, a diverging epoch to truncate to, or a
// snapshot id to download with FetchSnapshot (KIP-595, KIP-630). The high watermark advances when a majority
// has fetched past an entry of the leader's epoch.
#include <algorithm>

#include "engine/raft/raft_node.h"

namespace sluice::raft {

namespace {

// Fetches carry the epoch the sender thinks is current; a mismatch is FENCED_LEADER_EPOCH (sender is behind)
// or UNKNOWN_LEADER_EPOCH (we are behind), as in Kafka.
error_code epoch_error(epoch_id request_epoch, epoch_id ours) {
    if (request_epoch < ours) return error_code::fenced_leader_epoch;
    if (request_epoch > ours) return error_code::unknown_leader_epoch;
    return error_code::none;
}

}  // namespace

void raft_node::send_fetch(int64_t now) {
    if (role_ != role::follower || !leader_) return;
    if (download_) {
        send(*leader_, fetch_snapshot_request{cfg_.id, epoch_, download_->id, static_cast<int64_t>(download_->data.size()),
                                              cfg_.snapshot_chunk_bytes});
    } else {
        send(*leader_, fetch_request{cfg_.id, epoch_, log_.end_offset(), log_.last_epoch(), cfg_.fetch_max_wait_ms});
    }
    // Fetches from an older log position can no longer be answered usefully.
    std::erase_if(fetches_out_, [&](const auto& f) { return f.second != log_position(); });
    fetches_out_[outbox_.back().correlation_id] = log_position();
    fetch_in_flight_ = true;
    // The leader may hold the fetch for max wait; only after that plus the request timeout is it lost.
    fetch_resend_at_ = now + cfg_.fetch_max_wait_ms + cfg_.request_timeout_ms;
}

fetch_response raft_node::answer_fetch(const fetch_request& req) const {
    fetch_response r;
    r.current_leader = current_leader();
    r.high_watermark = hw_;
    r.log_start_offset = log_.start_offset();
    if (req.fetch_offset < log_.start_offset()) {
        // The entries the follower needs are only in a snapshot.
        r.snapshot_id = log_.latest_snapshot();
        if (!r.snapshot_id) r.error = error_code::offset_out_of_range;
        return r;
    }
    if (req.fetch_offset > log_offset{0}) {
        auto ours = log_.end_offset_for_epoch(req.last_fetched_epoch);
        if (!ours) {
            // The follower's last epoch is older than anything we still hold: start it from our snapshot.
            r.snapshot_id = log_.latest_snapshot();
            if (!r.snapshot_id) r.diverging_epoch = offset_and_epoch{log_offset{0}, epoch_id{0}};
            return r;
        }
        if (ours->epoch != req.last_fetched_epoch || ours->offset < req.fetch_offset) {
            r.diverging_epoch = *ours;
            return r;
        }
    }
    r.records_offset = req.fetch_offset;
    if (req.fetch_offset < log_.end_offset())
        r.records = log_.read(req.fetch_offset, cfg_.fetch_max_entries, cfg_.fetch_max_bytes);
    return r;
}

void raft_node::on_fetch(node_id from, const fetch_request& req, int64_t now) {
    fetch_response refuse;
    refuse.current_leader = current_leader();
    refuse.high_watermark = hw_;
    if (role_ != role::leader) {
        auto e = epoch_error(req.current_leader_epoch, epoch_);
        refuse.error = e == error_code::none ? error_code::not_leader_or_follower : e;
    } else if (!is_voter(from) || req.replica_id != from) {
        refuse.error = error_code::inconsistent_voter_set;
    } else {
        refuse.error = epoch_error(req.current_leader_epoch, epoch_);
    }
    if (refuse.error != error_code::none) {
        send(from, refuse);
        return;
    }

    auto& replica = replicas_[from];
    replica.last_fetch_ms = now;  // any fetch in this epoch proves the follower is there (check quorum)
    std::erase_if(parked_, [&](const parked_fetch& p) { return p.from == from; });
    auto resp = answer_fetch(req);
    if (resp.diverging_epoch || resp.snapshot_id || resp.error != error_code::none) {
        send(from, std::move(resp));
        return;
    }
    // A valid fetch offset is the follower's log end: everything below it matches our log.
    replica.log_end_offset = req.fetch_offset;
    if (req.fetch_offset >= log_.end_offset()) replica.last_caught_up_ms = now;
    if (maybe_advance_high_watermark()) {
        complete_parked_fetches(now, false);  // the others learn the new high watermark
        resp.high_watermark = hw_;
    }
    // Park only when there is nothing new for this follower: no records and no high watermark it lacks.
    auto sent = hw_sent_.find(from);
    const bool knows_hw = sent != hw_sent_.end() && sent->second >= hw_;
    if (resp.records.empty() && knows_hw && req.max_wait_ms > 0) {
        parked_.push_back(parked_fetch{from, req, now + req.max_wait_ms, replying_to_});  // long poll
        return;
    }
    send_fetch_response(from, std::move(resp));
}

void raft_node::send_fetch_response(node_id to, fetch_response resp) {
    hw_sent_[to] = resp.high_watermark;
    send(to, std::move(resp));
}

void raft_node::complete_parked_fetches(int64_t now, bool only_expired) {
    const uint64_t answering = replying_to_;  // we may be in the middle of answering another request
    std::vector<parked_fetch> keep;
    for (auto& p : parked_) {
        if (only_expired && now < p.deadline) {
            keep.push_back(std::move(p));
            continue;
        }
        replying_to_ = p.correlation_id;
        send_fetch_response(p.from, answer_fetch(p.req));
    }
    parked_ = std::move(keep);
    replying_to_ = answering;
}

bool raft_node::maybe_advance_high_watermark() {
    if (role_ != role::leader) return false;
    std::vector<log_offset> ends{log_.end_offset()};
    for (const auto& [id, r] : replicas_) ends.push_back(r.log_end_offset);
    std::sort(ends.begin(), ends.end(), std::greater<>());
    // The largest offset that a majority has reached...
    const log_offset candidate = ends[majority() - 1];
    // ...counts only once it covers this epoch's first entry: older entries commit through it.
    if (candidate > epoch_start_offset_ && candidate > hw_) {
        hw_ = candidate;
        return true;
    }
    return false;
}

bool raft_node::answers_current_fetch(uint64_t correlation_id) {
    auto it = fetches_out_.find(correlation_id);
    if (it == fetches_out_.end()) return false;
    const bool current = it->second == log_position();
    fetches_out_.erase(it);
    return current;
}

void raft_node::on_fetch_response(node_id from, const fetch_response& resp, int64_t now) {
    if (!observe_epoch(resp.current_leader.leader_epoch, resp.current_leader.leader_id, now)) return;
    if (role_ != role::follower || from != leader_ || resp.current_leader.leader_epoch != epoch_) return;
    if (!answers_current_fetch(replying_to_)) return;  // a late answer to a fetch from an older log
    if (resp.error != error_code::none) {
        // The leader is resigning or confused; keep asking after a backoff until the fetch timeout says
        // it is gone.
        fetch_resend_at_ = now + cfg_.retry_backoff_ms;
        return;
    }
    fetch_deadline_ = now + cfg_.fetch_timeout_ms;
    fetch_in_flight_ = false;
    if (resp.diverging_epoch) {
        // Truncate to where our log and the leader's agree: the end of the diverging epoch on the leader,
        // or less if our own copy of that epoch ends earlier.
        log_offset target = resp.diverging_epoch->offset;
        if (auto ours = log_.end_offset_for_epoch(resp.diverging_epoch->epoch)) target = std::min(target, ours->offset);
        target = std::max(target, log_.start_offset());
        if (target < log_.end_offset()) {
            if (auto r = log_.truncate_to(target); !r) {
                failure_ = r.err();
                return;
            }
        }
        send_fetch(now);
        return;
    }
    if (resp.snapshot_id) {
        download_ = snapshot_download{*resp.snapshot_id, {}};
        send_fetch(now);
        return;
    }
    if (resp.records_offset != log_.end_offset()) return send_fetch(now);  // cannot happen; be safe
    if (!resp.records.empty()) {
        if (auto r = log_.append(resp.records); !r) {
            failure_ = r.err();
            return;
        }
    }
    // Our log matches the leader's up to its end now, so the leader's high watermark applies up to there.
    if (resp.high_watermark >= log_offset{0}) hw_ = std::max(hw_, std::min(resp.high_watermark, log_.end_offset()));
    send_fetch(now);
}

void raft_node::on_fetch_snapshot(node_id from, const fetch_snapshot_request& req, int64_t now) {
    fetch_snapshot_response resp;
    resp.current_leader = current_leader();
    resp.snapshot_id = req.snapshot_id;
    resp.position = req.position;
    if (role_ != role::leader) {
        auto e = epoch_error(req.current_leader_epoch, epoch_);
        resp.error = e == error_code::none ? error_code::not_leader_or_follower : e;
        send(from, std::move(resp));
        return;
    }
    if (resp.error = epoch_error(req.current_leader_epoch, epoch_); resp.error != error_code::none) {
        send(from, std::move(resp));
        return;
    }
    if (is_voter(from)) replicas_[from].last_fetch_ms = now;
    auto data = log_.read_snapshot(req.snapshot_id);
    if (!data) {
        resp.error = error_code::snapshot_not_found;
    } else if (req.position < 0 || req.position > static_cast<int64_t>(data->size())) {
        resp.error = error_code::position_out_of_range;
    } else {
        resp.size = static_cast<int64_t>(data->size());
        auto n = std::min<int64_t>(resp.size - req.position, std::max(req.max_bytes, 1));
        resp.unaligned_records.assign(data->begin() + req.position, data->begin() + req.position + n);
    }
    send(from, std::move(resp));
}

void raft_node::on_fetch_snapshot_response(node_id from, const fetch_snapshot_response& resp, int64_t now) {
    if (!observe_epoch(resp.current_leader.leader_epoch, resp.current_leader.leader_id, now)) return;
    if (role_ != role::follower || from != leader_ || resp.current_leader.leader_epoch != epoch_) return;
    if (!answers_current_fetch(replying_to_) || !download_ || resp.snapshot_id != download_->id) return;
    if (resp.error != error_code::none) {
        // The leader replaced its snapshot (or we asked beyond it): start over with a fetch.
        download_.reset();
        fetch_resend_at_ = now + cfg_.retry_backoff_ms;
        return;
    }
    if (resp.position != static_cast<int64_t>(download_->data.size())) return;  // a stale duplicate
    fetch_deadline_ = now + cfg_.fetch_timeout_ms;
    fetch_in_flight_ = false;
    download_->data.insert(download_->data.end(), resp.unaligned_records.begin(), resp.unaligned_records.end());
    if (static_cast<int64_t>(download_->data.size()) >= resp.size) {
        auto id = download_->id;
        auto r = log_.install_snapshot(id, std::move(download_->data));
        download_.reset();
        if (!r) {
            failure_ = r.err();
            return;
        }
        // A snapshot only ever holds committed state.
        hw_ = std::max(hw_, id.offset);
    }
    send_fetch(now);
}

}  // namespace sluice::raft
