#include "engine/broker/authorization.h"
#include "engine/broker/handlers/advertised_endpoint.h"
#include "engine/broker/handlers/handlers.h"
#include "engine/broker/metadata_writer.h"
#include "engine/metadata/controller.h"
#include "engine/metadata/topic_name.h"

namespace sluice::broker {

namespace {
using security::acl_operation;

// A topic as the metadata image has it: every partition with its leader, epoch, replicas and ISR. A leader
// that serves no listener of the request's name is one this client cannot reach: LISTENER_NOT_FOUND and no
// leader, as Kafka answers.
protocol::metadata_response::topic describe_topic(const request_context& ctx, const metadata::metadata_image& image,
                                                  const metadata::topic_state& state) {
    protocol::metadata_response::topic topic;
    topic.name = state.name;
    topic.topic_id = state.id;
    topic.is_internal = metadata::is_internal_topic(state.name);
    for (const auto& [index, p] : state.partitions) {
        protocol::metadata_response::partition part;
        part.partition_index = index;
        part.leader_id = p.leader;
        part.leader_epoch = p.leader_epoch;
        part.replica_nodes = p.replicas;
        part.isr_nodes = p.isr;
        if (p.leader < 0) {
            part.error_code = static_cast<int16_t>(protocol::error_code::leader_not_available);
        } else if (auto b = image.brokers().find(p.leader);
                   b != image.brokers().end() && !endpoint_for(ctx, b->second)) {
            part.error_code = static_cast<int16_t>(protocol::error_code::listener_not_found);
            part.leader_id = -1;
        }
        topic.partitions.push_back(std::move(part));
    }
    return topic;
}
}  // namespace

awaitable<std::optional<protocol::metadata_response>> handle_metadata(request_context& ctx,
                                                                      protocol::metadata_request& request) {
    const auto& image = ctx.broker.controller.image();
    protocol::metadata_response response;
    for (const auto& [id, b] : image.brokers()) {
        if (b.fenced) continue;
        if (auto at = endpoint_for(ctx, b)) response.brokers.push_back({b.id, at->host, at->port, b.rack});
    }
    if (response.brokers.empty())
        response.brokers.push_back(
            {ctx.broker.node_id, ctx.listener.advertised_host, ctx.listener.advertised_port, std::nullopt});
    response.cluster_id = ctx.broker.cluster_id;
    response.controller_id = ctx.broker.writer.controller_id().value_or(-1);

    // v0 has no null list: there an empty list means "all topics".
    bool all_topics = !request.topics || (ctx.version() == 0 && request.topics->empty());
    if (all_topics) {
        // Topics the principal may not DESCRIBE are left out, so their existence is not disclosed.
        for (const auto& [name, state] : image.topics())
            if (authorized_on_topic(ctx, acl_operation::describe, name))
                response.topics.push_back(describe_topic(ctx, image, state));
        co_return response;
    }
    auto sources = ctx.broker.controller.sources();
    bool may_create = (ctx.version() < 4 || request.allow_auto_topic_creation) &&
                      ctx.broker.config.get_bool("auto.create.topics.enable");
    for (const auto& wanted : *request.topics) {
        std::string name = wanted.name.value_or("");
        // Asked for by name: refused alike whether it exists or not. Auto-creation needs CREATE on the
        // cluster or the topic.
        if (!authorized_on_topic(ctx, acl_operation::describe, name) ||
            (!image.find_topic(name) && may_create && !authorized_on_cluster(ctx, acl_operation::create) &&
             !authorized_on_topic(ctx, acl_operation::create, name))) {
            protocol::metadata_response::topic refused;
            refused.name = name;
            refused.error_code = static_cast<int16_t>(protocol::error_code::topic_authorization_failed);
            response.topics.push_back(std::move(refused));
            continue;
        }
        if (!image.find_topic(name) && may_create) {
            auto partitions = static_cast<int32_t>(metadata::broker_config_int(sources, "num.partitions"));
            auto created = ctx.broker.logs.create_topic(name, partitions, wall_clock_ms());
            if (!created) {
                protocol::metadata_response::topic failed;
                failed.name = name;
                failed.error_code = static_cast<int16_t>(created.err().code);
                response.topics.push_back(std::move(failed));
                continue;
            }
        }
        if (const auto* state = image.find_topic(name)) {
            response.topics.push_back(describe_topic(ctx, image, *state));
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
