#include "engine/broker/authorization.h"
#include "engine/broker/handlers/advertised_endpoint.h"
#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"
#include "engine/group/offsets_records.h"

namespace sluice::broker {

namespace {
// The leader of the group's __consumer_offsets partition, from the metadata image; an error while the topic
// is being created, the partition has no leader, or the leader's listener is not known (fenced, say).
result<const metadata::broker_registration*> coordinator_of(const metadata::metadata_image& image,
                                                            const std::string& group_id) {
    using protocol::error_code;
    const auto* topic = image.find_topic(std::string(group::offsets_topic_name));
    if (topic == nullptr || topic->partitions.empty())
        return make_error(error_code::coordinator_not_available, "__consumer_offsets is being created");
    int32_t index = group::offsets_partition_for(group_id, static_cast<int32_t>(topic->partitions.size()));
    auto partition = topic->partitions.find(index);
    if (partition == topic->partitions.end() || partition->second.leader < 0)
        return make_error(error_code::coordinator_not_available,
                          "__consumer_offsets-" + std::to_string(index) + " has no leader");
    auto broker = image.brokers().find(partition->second.leader);
    if (broker == image.brokers().end() || broker->second.fenced)
        return make_error(error_code::coordinator_not_available,
                          "the leader of __consumer_offsets-" + std::to_string(index) + " is not available");
    return &broker->second;
}
}  // namespace

// The coordinator of a group is the leader of its __consumer_offsets partition (Java's String.hashCode of the
// group id modulo the partition count), as in Kafka; __consumer_offsets is created on the first ask.
// Transaction coordinators do not exist here yet.
awaitable<std::optional<protocol::find_coordinator_response>> handle_find_coordinator(
    request_context& ctx, protocol::find_coordinator_request& request) {
    using protocol::error_code;
    protocol::find_coordinator_response response;
    std::vector<std::string> keys = ctx.version() >= 4 ? request.coordinator_keys : std::vector<std::string>{request.key};
    for (const auto& key : keys) {
        protocol::find_coordinator_response::coordinator c;
        c.key = key;
        if (request.key_type != protocol::coordinator_key_group) {
            c.error_code = static_cast<int16_t>(error_code::coordinator_not_available);
            c.error_message = "transactions are not supported by this broker";
        } else if (!authorized_on_group(ctx, security::acl_operation::describe, key)) {
            c.error_code = static_cast<int16_t>(error_code::group_authorization_failed);
            c.error_message = "Not authorized to DESCRIBE group " + key;
        } else if (auto ready = ctx.broker.groups.ensure_offsets_topic(); !ready) {
            c.error_code = static_cast<int16_t>(error_code::coordinator_not_available);
            c.error_message = ready.err().message;
        } else if (auto found = coordinator_of(ctx.broker.controller.image(), key); !found) {
            c.error_code = static_cast<int16_t>(found.err().code);
            c.error_message = found.err().message;
        } else if (auto at = endpoint_for(ctx, *found.value()); !at) {
            c.error_code = static_cast<int16_t>(error_code::coordinator_not_available);
            c.error_message =
                "the coordinator, node " + std::to_string(found.value()->id) + ", has no listener " + ctx.listener.name;
        } else {
            c.node_id = found.value()->id;
            c.host = at->host;
            c.port = at->port;
        }
        response.coordinators.push_back(std::move(c));
    }
    if (ctx.version() < 4 && !response.coordinators.empty()) {
        const auto& c = response.coordinators.front();
        response.error_code = c.error_code;
        response.error_message = c.error_message;
        response.node_id = c.node_id;
        response.host = c.host;
        response.port = c.port;
        response.coordinators.clear();
    }
    co_return response;
}

}  // namespace sluice::broker
