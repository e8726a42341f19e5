// AlterPartition (56): a partition leader asks the active controller to change the ISR; the answer carries
// the partition's state after the change (or why it was refused), as Kafka's controller answers. Only the
// quorum leader commits (through the metadata writer, after every earlier change); others say NOT_CONTROLLER.
#include "engine/broker/handlers/cluster_handlers.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/controller.h"
#include "engine/metadata/isr_change.h"

namespace sluice::broker {

awaitable<std::optional<protocol::alter_partition_response>> handle_alter_partition(request_context& ctx,
                                                                                    protocol::alter_partition_request& request) {
    protocol::alter_partition_response response;
    if (!ctx.broker.quorum.is_leader()) {
        response.error_code = static_cast<int16_t>(protocol::error_code::not_controller);
        co_return response;
    }
    auto& controller = ctx.broker.controller;
    const bool by_id = ctx.version() >= 2;
    for (const auto& topic : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.topic_name = topic.topic_name;
        topic_out.topic_id = topic.topic_id;
        auto find = [by_id, topic](const metadata::controller& c) {
            return by_id ? c.image().find_topic(topic.topic_id) : c.image().find_topic(topic.topic_name);
        };
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            metadata::isr_change_request change{request.broker_id, wanted.leader_epoch, wanted.partition_epoch, {}};
            if (ctx.version() >= 3)
                for (const auto& member : wanted.new_isr_with_epochs) change.new_isr.push_back(member.broker_id);
            else
                change.new_isr = wanted.new_isr;
            const int32_t index = wanted.partition_index;
            metadata_writer::plan plan = [=](const metadata::controller& c) -> result<metadata::controller::records> {
                const auto* state = find(c);
                if (state == nullptr)
                    return make_error(by_id ? protocol::error_code::unknown_topic_id : protocol::error_code::unknown_topic_or_partition,
                                      "No such topic.");
                return metadata::check_isr_change(c.image(), *state, index, change);
            };
            auto committed = co_await ctx.broker.writer.submit(std::move(plan));
            if (!committed) {
                out.error_code = static_cast<int16_t>(committed.err().code);
                continue;
            }
            const auto* state = find(controller);
            if (state == nullptr || !state->partitions.contains(index)) {
                out.error_code = static_cast<int16_t>(protocol::error_code::unknown_topic_or_partition);
                continue;
            }
            const auto& now = state->partitions.at(index);
            out.leader_id = now.leader;
            out.leader_epoch = now.leader_epoch;
            out.isr = now.isr;
            out.partition_epoch = now.partition_epoch;
        }
    }
    co_return response;
}

}  // namespace sluice::broker
