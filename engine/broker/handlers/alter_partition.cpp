// AlterPartition (56): a partition leader asks the controller to change the ISR; the answer carries the
// partition's state after the change (or why it was refused), as Kafka's controller answers.
#include "engine/broker/handlers/cluster_handlers.h"
#include "engine/metadata/controller.h"
#include "engine/metadata/isr_change.h"

namespace sluice::broker {

awaitable<std::optional<protocol::alter_partition_response>> handle_alter_partition(request_context& ctx,
                                                                                    protocol::alter_partition_request& request) {
    protocol::alter_partition_response response;
    auto& controller = ctx.broker.controller;
    for (const auto& topic : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.topic_name = topic.topic_name;
        topic_out.topic_id = topic.topic_id;
        // v2+ names the topic by id. Looked up again after each commit, which rebuilds the topic's state.
        auto find = [&] {
            return ctx.version() >= 2 ? controller.image().find_topic(topic.topic_id)
                                      : controller.image().find_topic(topic.topic_name);
        };
        const metadata::topic_state* state = find();
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            if (state == nullptr) {
                out.error_code = static_cast<int16_t>(ctx.version() >= 2 ? protocol::error_code::unknown_topic_id
                                                                         : protocol::error_code::unknown_topic_or_partition);
                continue;
            }
            metadata::isr_change_request change{request.broker_id, wanted.leader_epoch, wanted.partition_epoch, {}};
            if (ctx.version() >= 3)
                for (const auto& member : wanted.new_isr_with_epochs) change.new_isr.push_back(member.broker_id);
            else
                change.new_isr = wanted.new_isr;
            auto committed = metadata::commit_isr_change(controller, state->name, wanted.partition_index, change);
            if (!committed) {
                out.error_code = static_cast<int16_t>(committed.err().code);
                continue;
            }
            out.leader_id = committed->leader;
            out.leader_epoch = committed->leader_epoch;
            out.isr = committed->isr;
            out.partition_epoch = committed->partition_epoch;
            state = find();
        }
    }
    co_return response;
}

}  // namespace sluice::broker
