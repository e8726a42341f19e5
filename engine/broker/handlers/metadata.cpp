#include "engine/broker/handlers/handlers.h"
#include "engine/metadata/topic_name.h"

namespace sluice::broker {

namespace {
protocol::metadata_response::topic describe_topic(request_context& ctx, const std::string& name) {
    protocol::metadata_response::topic topic;
    topic.name = name;
    topic.is_internal = metadata::is_internal_topic(name);
    const auto& all = ctx.broker.logs.topics();
    for (const auto& p : all.at(name)) {
        protocol::metadata_response::partition part;
        part.partition_index = p->index();
        part.leader_id = ctx.broker.node_id;
        part.leader_epoch = p->leader_epoch();
        part.replica_nodes = {ctx.broker.node_id};
        part.isr_nodes = {ctx.broker.node_id};
        topic.partitions.push_back(std::move(part));
    }
    return topic;
}
}  // namespace

awaitable<std::optional<protocol::metadata_response>> handle_metadata(request_context& ctx,
                                                                      protocol::metadata_request& request) {
    protocol::metadata_response response;
    response.brokers.push_back({ctx.broker.node_id, ctx.broker.advertised_host, ctx.broker.advertised_port, std::nullopt});
    response.cluster_id = ctx.broker.cluster_id;
    response.controller_id = ctx.broker.node_id;

    // v0 has no null list: there an empty list means "all topics".
    bool all_topics = !request.topics || (ctx.version() == 0 && request.topics->empty());
    if (all_topics) {
        for (const auto& [name, partitions] : ctx.broker.logs.topics()) response.topics.push_back(describe_topic(ctx, name));
        co_return response;
    }
    bool may_create = (ctx.version() < 4 || request.allow_auto_topic_creation) &&
                      ctx.broker.config.get_bool("auto.create.topics.enable");
    for (const auto& wanted : *request.topics) {
        std::string name = wanted.name.value_or("");
        if (!ctx.broker.logs.has_topic(name) && may_create) {
            auto created = ctx.broker.logs.create_topic(name, static_cast<int32_t>(ctx.broker.config.get_int("num.partitions")),
                                                        wall_clock_ms());
            if (!created) {
                protocol::metadata_response::topic failed;
                failed.name = name;
                failed.error_code = static_cast<int16_t>(created.err().code);
                response.topics.push_back(std::move(failed));
                continue;
            }
        }
        if (ctx.broker.logs.has_topic(name)) {
            response.topics.push_back(describe_topic(ctx, name));
        } else {
            protocol::metadata_response::topic missing;
            missing.name = name;
            missing.error_code = static_cast<int16_t>(metadata::validate_topic_name(name)
                                                          ? protocol::error_code::unknown_topic_or_partition
                                                          : protocol::error_code::invalid_topic_exception);
            response.topics.push_back(std::move(missing));
        }
    }
    co_return response;
}

}  // namespace sluice::broker
