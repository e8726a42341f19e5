// The group coordinator of one node: it coordinates the groups whose __consumer_offsets partition this node
// leads (with one node, every group), loading a partition's groups and offsets from its log when it starts
// leading it and dropping them when it stops (members rejoin at the new coordinator). The classic rebalance
// protocol (JoinGroup/SyncGroup/Heartbeat/LeaveGroup with generations, member ids, session and rebalance
// timeouts, static membership) and committed offsets kept in __consumer_offsets. Runs on the node's
// io_context thread only: no locks. JoinGroup and SyncGroup park until the rebalance decides their answer.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "engine/common/clock.h"
#include "engine/common/result.h"
#include "engine/group/group.h"
#include "engine/group/offsets_backend.h"
#include "engine/protocol/messages/delete_groups.h"
#include "engine/protocol/messages/describe_groups.h"
#include "engine/protocol/messages/heartbeat.h"
#include "engine/protocol/messages/leave_group.h"
#include "engine/protocol/messages/list_groups.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"

namespace sluice::group {

struct coordinator_config {
    int32_t offsets_topic_partitions = 50;        // offsets.topic.num.partitions
    int64_t initial_rebalance_delay_ms = 3000;    // group.initial.rebalance.delay.ms
    int32_t min_session_timeout_ms = 6000;        // group.min.session.timeout.ms
    int32_t max_session_timeout_ms = 1800000;     // group.max.session.timeout.ms
    int64_t offsets_retention_ms = 10080 * 60000LL;  // offsets.retention.minutes
    int64_t offsets_retention_check_ms = 600000;  // offsets.retention.check.interval.ms
    int32_t max_metadata_bytes = 4096;            // offset.metadata.max.bytes
    int64_t offsets_commit_timeout_ms = 5000;     // offsets.commit.timeout.ms: wait for the ISR this long
    int64_t tick_ms = 50;                         // how often deadlines (sessions, rebalances) are checked
};

// Who sent a request, as DescribeGroups reports it.
struct client_identity {
    std::string client_id;
    std::string client_host;
};

class group_coordinator {
public:
    group_coordinator(asio::io_context& io, coordinator_config config, offsets_backend& backend);
    ~group_coordinator();
    group_coordinator(const group_coordinator&) = delete;
    group_coordinator& operator=(const group_coordinator&) = delete;

    // Loads the __consumer_offsets partitions this node leads (when the topic exists) and starts the deadline
    // and retention timers.
    result<void> start();
    void stop();

    // The leaderships of __consumer_offsets partitions may have changed (the node calls this after every
    // metadata change, once partition roles are applied). Soon after, on the io thread, partitions newly led
    // are loaded from their logs and those no longer led are unloaded; meanwhile requests for their groups
    // answer COORDINATOR_LOAD_IN_PROGRESS or NOT_COORDINATOR.
    void on_leadership_change();
    // NONE when this node coordinates the group now; else NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS or
    // COORDINATOR_NOT_AVAILABLE (no __consumer_offsets yet). Loads a led partition on demand.
    // With `create`, a missing __consumer_offsets is created first (requests that may create a group);
    // without, no topic means no group at all and the answer is NONE.
    protocol::error_code coordinator_error(const std::string& group_id, bool create = true);

    // Creates __consumer_offsets when missing (FindCoordinator does this first, as Kafka does).
    result<void> ensure_offsets_topic();

    awaitable<protocol::join_group_response> join(const protocol::join_group_request& request, int16_t version,
                                                  const client_identity& client);
    awaitable<protocol::sync_group_response> sync(const protocol::sync_group_request& request, int16_t version);
    protocol::heartbeat_response heartbeat(const protocol::heartbeat_request& request);
    protocol::leave_group_response leave(const protocol::leave_group_request& request, int16_t version);

    // Acknowledged once the commit is in every ISR member's log (acks=all), as Kafka's coordinator does.
    awaitable<protocol::offset_commit_response> commit_offsets(const protocol::offset_commit_request& request);
    protocol::offset_fetch_response fetch_offsets(const protocol::offset_fetch_request& request, int16_t version);
    protocol::list_groups_response list_groups(const protocol::list_groups_request& request);
    protocol::describe_groups_response describe_groups(const protocol::describe_groups_request& request);
    protocol::delete_groups_response delete_groups(const protocol::delete_groups_request& request);
    protocol::offset_delete_response delete_offsets(const protocol::offset_delete_request& request);

    // Expires committed offsets of groups that have been empty for offsets.retention (or, for groups that only
    // commit, offsets older than it) and removes groups left with nothing. Returns how many offsets went.
    std::size_t expire_offsets(int64_t now_wall_ms);

    const group* find_group(const std::string& id) const;
    // How many groups this node coordinates now, by state (Kafka's NumGroups* gauges). On the io thread.
    std::map<group_state, std::size_t> group_counts() const;

private:
    group* find(const std::string& id);
    group& get_or_create(const std::string& id);

    // Membership (group_coordinator.cpp).
    void add_member_and_rebalance(group& g, member m, std::shared_ptr<join_waiter> waiter);
    void update_member_and_rebalance(group& g, member& m, const protocol::join_group_request& request,
                                     std::shared_ptr<join_waiter> waiter);
    void prepare_rebalance(group& g);
    void try_complete_join(group& g, bool deadline_passed);
    void complete_join(group& g);
    void remove_member(group& g, const std::string& member_id, protocol::error_code tell_waiters);
    void member_left(group& g);
    void reset_sync_waiters(group& g, protocol::error_code error);
    protocol::join_group_response join_result(const group& g, const member& m, bool with_members) const;
    bool supports_protocols(const group& g, const std::string& protocol_type,
                            const std::vector<protocol::join_group_request::protocol>& protocols) const;
    std::string select_protocol(const group& g) const;
    void tick();
    void schedule_tick();

    // Storage (group_offsets.cpp).
    result<void> store_group(group& g);
    result<void> append(const std::string& group_id, std::span<const protocol::record> records);
    result<void> load();
    void schedule_retention();
    // Leadership (group_offsets.cpp): loads one partition's groups, drops them, or both as leadership says.
    result<void> load_partition(int32_t partition, int32_t epoch);
    void unload_partition(int32_t partition);
    void reconcile();
    int32_t partition_of(const std::string& group_id) const;

    asio::io_context& io_;
    coordinator_config config_;
    offsets_backend& backend_;
    std::map<std::string, std::unique_ptr<group>> groups_;  // only groups of partitions in loaded_
    std::map<int32_t, int32_t> loaded_;                      // offsets partition -> leader epoch it was loaded in
    bool reconcile_pending_ = false;
    asio::steady_timer tick_timer_;
    asio::steady_timer retention_timer_;
    bool stopped_ = false;
};


}  // namespace sluice::group
