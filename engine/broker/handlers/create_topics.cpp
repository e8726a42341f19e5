#include <map>

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

awaitable<std::optional<protocol::create_topics_response>> handle_create_topics(request_context& ctx,
                                                                                protocol::create_topics_request& request) {
    protocol::create_topics_response response;
    std::map<std::string, int> occurrences;
    for (const auto& t : request.topics) ++occurrences[t.name];
    std::map<std::string, bool> answered;
    for (const auto& t : request.topics) {
        if (answered[t.name]) continue;
        answered[t.name] = true;
        auto& out = response.topics.emplace_back();
        out.name = t.name;
        auto fail = [&](const sluice::error& e) {
            out.error_code = static_cast<int16_t>(e.code);
            out.error_message = e.message;
        };
        if (!authorized_on_cluster(ctx, security::acl_operation::create) &&
            !authorized_on_topic(ctx, security::acl_operation::create, t.name)) {
            fail({protocol::error_code::topic_authorization_failed, "Authorization failed."});
            continue;
        }
        if (occurrences[t.name] > 1) {
            fail({protocol::error_code::invalid_request,
                  "Create topics request from client `" + ctx.header.client_id.value_or("") +
                      "` contains multiple entries for the following topics: " + t.name});
            continue;
        }
        metadata::new_topic topic;
        topic.name = t.name;
        topic.num_partitions = t.num_partitions;
        topic.replication_factor = t.replication_factor;
        bool duplicate_partition = false;
        for (const auto& a : t.assignments)
            duplicate_partition |= !topic.assignments.emplace(a.partition_index, a.broker_ids).second;
        if (duplicate_partition) {
            fail({protocol::error_code::invalid_replica_assignment, "Duplicate partition index in the replica assignment"});
            continue;
        }
        for (const auto& c : t.configs) topic.configs.emplace_back(c.name, c.value);
        bool validate_only = request.validate_only;
        metadata_writer::plan plan = [&topic, validate_only](const metadata::controller& c) {
            return c.create_topic(topic, validate_only);
        };
        auto created = co_await ctx.broker.writer.submit(std::move(plan));
        if (!created) fail(created.err());
    }
    co_return response;
}

}  // namespace sluice::broker
