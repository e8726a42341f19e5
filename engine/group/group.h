// One consumer group as the coordinator keeps it: state, generation, members with their protocols and
// assignments, the rebalance in progress, and the group's committed offsets.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/asio.h"
#include "engine/protocol/messages/join_group.h"
#include "engine/protocol/messages/sync_group.h"

namespace sluice::group {

enum class group_state { empty, preparing_rebalance, completing_rebalance, stable, dead };

// Kafka's names: "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
std::string_view state_name(group_state state);

// A request parked until the rebalance decides its answer: the answer is stored, then the timer cancelled.
template <class Response>
struct parked_response {
    explicit parked_response(asio::io_context& io) : timer(io, asio::steady_timer::time_point::max()) {}
    asio::steady_timer timer;
    std::optional<Response> response;
    void complete(Response r) {
        response = std::move(r);
        timer.cancel();
    }
};
using join_waiter = parked_response<protocol::join_group_response>;
using sync_waiter = parked_response<protocol::sync_group_response>;

struct member {
    std::string id;
    std::optional<std::string> instance_id;  // static membership (group.instance.id)
    std::string client_id;
    std::string client_host;
    int32_t session_timeout_ms = 0;
    int32_t rebalance_timeout_ms = 0;
    std::vector<protocol::join_group_request::protocol> protocols;  // in the member's order of preference
    protocol::bytes assignment;
    std::shared_ptr<join_waiter> join;  // set while its JoinGroup waits
    std::shared_ptr<sync_waiter> sync;  // set while its SyncGroup waits
    bool is_new = true;                 // joined during the current rebalance
    int64_t last_heartbeat_ms = 0;      // steady clock

    const protocol::bytes* metadata_for(std::string_view protocol) const {
        for (const auto& p : protocols)
            if (p.name == protocol) return &p.metadata;
        return nullptr;
    }
};

struct committed_offset {
    int64_t offset = -1;
    int32_t leader_epoch = -1;
    std::string metadata;
    int64_t commit_timestamp = -1;  // wall clock ms
};

using topic_partition = std::pair<std::string, int32_t>;

struct group {
    std::string id;
    group_state state = group_state::empty;
    int32_t generation = 0;
    std::string protocol_type;  // "consumer" for consumers; empty for groups that only commit offsets
    std::optional<std::string> protocol;
    std::optional<std::string> leader;
    int64_t state_timestamp_ms = -1;  // wall clock of the last state change (offset expiry counts from it)
    std::map<std::string, member> members;               // by member id
    std::map<std::string, int64_t> pending_members;      // ids handed out with MEMBER_ID_REQUIRED -> deadline
    std::map<std::string, std::string> static_members;   // group.instance.id -> member id
    std::map<topic_partition, committed_offset> offsets;

    // The rebalance in progress (PreparingRebalance).
    int64_t rebalance_deadline_ms = 0;  // steady clock
    bool initial_delay = false;         // the first rebalance of an empty group waits for more members
    int64_t initial_delay_remaining_ms = 0;
    bool member_joined_during_delay = false;

    bool is(group_state s) const { return state == s; }
    bool has_member(const std::string& member_id) const { return members.contains(member_id); }
};

}  // namespace sluice::group
