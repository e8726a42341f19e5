// AlterPartitionReassignments (45) and ListPartitionReassignments (46), KIP-455, on the active controller:
// each partition's reassignment (or its cancel, a null replica list) is validated by the controller and
// committed through the quorum before the answer; the listing reads the controller's image. Other nodes
// answer NOT_CONTROLLER so that the client retries with the controller.
#include <algorithm>

#include "engine/broker/handlers/cluster_handlers.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/controller.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

// Sets the top-level NOT_CONTROLLER of a response off the controller; true when this node may answer.
template <class Response>
bool on_controller(request_context& ctx, Response& response) {
    if (ctx.broker.quorum.is_leader()) return true;
    response.error_code = static_cast<int16_t>(error_code::not_controller);
    response.error_message = "This node is not the active controller.";
    return false;
}
}  // namespace

awaitable<std::optional<protocol::alter_partition_reassignments_response>> handle_alter_partition_reassignments(
    request_context& ctx, protocol::alter_partition_reassignments_request& request) {
    protocol::alter_partition_reassignments_response response;
    if (!on_controller(ctx, response)) co_return response;
    for (const auto& topic : request.topics) {
        auto& topic_out = response.responses.emplace_back();
        topic_out.name = topic.name;
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            metadata_writer::plan plan = [&](const metadata::controller& c) {
                return c.reassign_partition(topic.name, wanted.partition_index, wanted.replicas);
            };
            if (auto committed = co_await ctx.broker.writer.submit(std::move(plan)); !committed) {
                out.error_code = static_cast<int16_t>(committed.err().code);
                out.error_message = committed.err().message;
            }
        }
    }
    co_return response;
}

awaitable<std::optional<protocol::list_partition_reassignments_response>> handle_list_partition_reassignments(
    request_context& ctx, protocol::list_partition_reassignments_request& request) {
    protocol::list_partition_reassignments_response response;
    if (!on_controller(ctx, response)) co_return response;
    const auto& image = ctx.broker.controller.image();
    auto list = [&](const metadata::topic_state& topic, auto&& wanted) {
        protocol::list_partition_reassignments_response::topic out{topic.name, {}};
        for (const auto& [index, p] : topic.partitions)
            if (p.reassigning() && wanted(index))
                out.partitions.push_back({index, p.replicas, p.adding_replicas, p.removing_replicas});
        if (!out.partitions.empty()) response.topics.push_back(std::move(out));
    };
    if (!request.topics) {
        for (const auto& [name, topic] : image.topics()) list(topic, [](int32_t) { return true; });
        co_return response;
    }
    // Asked partitions that do not exist or are not being reassigned are left out, as Kafka's controller does.
    for (const auto& t : *request.topics)
        if (const auto* topic = image.find_topic(t.name))
            list(*topic, [&](int32_t index) {
                return std::find(t.partition_indexes.begin(), t.partition_indexes.end(), index) !=
                       t.partition_indexes.end();
            });
    co_return response;
}

}  // namespace sluice::broker
