// OffsetForLeaderEpoch (23, KIP-101/279/320): the end offset of a leader epoch, from the partition's leader
// epoch cache, so that a client (librdkafka after a leader change) or a follower finds where its log
// diverged. Served by the leader, as Kafka does for every asker but the debug replica id -2 (the default
// below v3), which any replica answers. CurrentLeaderEpoch fences: older is FENCED_LEADER_EPOCH, newer
// UNKNOWN_LEADER_EPOCH.
#include "engine/broker/authorization.h"
#include "engine/broker/handlers/cluster_handlers.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

namespace {
using protocol::error_code;
constexpr int32_t debug_replica_id = -2;

error_code check_partition(request_context& ctx, const std::string& topic, partition* p, int32_t current_epoch,
                           bool leader_only) {
    if (p == nullptr)
        return ctx.broker.controller.image().find_topic(topic) ? error_code::not_leader_or_follower
                                                               : error_code::unknown_topic_or_partition;
    if (current_epoch >= 0 && current_epoch < p->leader_epoch()) return error_code::fenced_leader_epoch;
    if (current_epoch > p->leader_epoch()) return error_code::unknown_leader_epoch;
    if (leader_only && !p->is_leader()) return error_code::not_leader_or_follower;
    return error_code::none;
}
}  // namespace

awaitable<std::optional<protocol::offset_for_leader_epoch_response>> handle_offset_for_leader_epoch(
    request_context& ctx, protocol::offset_for_leader_epoch_request& request) {
    protocol::offset_for_leader_epoch_response response;
    const bool leader_only = request.replica_id != debug_replica_id;  // -2 as well below v3 (the default)
    for (const auto& topic : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.name = topic.name;
        // A follower (replica id >= 0) asks as a node: CLUSTER_ACTION; a client needs DESCRIBE on the topic.
        const bool allowed = request.replica_id >= 0
                                 ? may_cluster_action(ctx)
                                 : authorized_on_topic(ctx, security::acl_operation::describe, topic.name);
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            if (!allowed) {
                out.error_code = static_cast<int16_t>(request.replica_id >= 0 ? error_code::cluster_authorization_failed
                                                                              : error_code::topic_authorization_failed);
                continue;
            }
            partition* p = ctx.broker.logs.find(topic.name, wanted.partition_index);
            out.error_code =
                static_cast<int16_t>(check_partition(ctx, topic.name, p, wanted.current_leader_epoch, leader_only));
            if (out.error_code != 0) continue;
            auto found = p->epochs().end_offset_for(replication::leader_epoch(wanted.leader_epoch),
                                                    replication::offset(p->log().log_end_offset()));
            out.leader_epoch = found.epoch.value();
            out.end_offset = found.end_offset.value();
        }
    }
    co_return response;
}

}  // namespace sluice::broker
