// OffsetCommit, OffsetFetch, OffsetDelete: forwarded to the group coordinator, with Kafka's ACL checks first:
// committing needs READ on the group and on each topic, fetching DESCRIBE on the group and on each topic,
// deleting DELETE on the group and READ on each topic. A refused topic's partitions answer
// TOPIC_AUTHORIZATION_FAILED and reach no coordinator; a refused group answers GROUP_AUTHORIZATION_FAILED.
#include <algorithm>

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/group_handlers.h"
#include "engine/group/group_coordinator.h"

namespace sluice::broker {

namespace {
using protocol::error_code;
using security::acl_operation;

constexpr auto group_refused = static_cast<int16_t>(error_code::group_authorization_failed);
constexpr auto topic_refused = static_cast<int16_t>(error_code::topic_authorization_failed);

// Moves the topics the principal may not `op` out of `topics`, answering each of their partitions in `out`.
template <class Topics, class OutTopics, class IndexOf>
void split_refused_topics(const request_context& ctx, acl_operation op, Topics& topics, OutTopics& out,
                          IndexOf index_of) {
    auto refused =
        std::ranges::stable_partition(topics, [&](const auto& t) { return authorized_on_topic(ctx, op, t.name); });
    for (auto it = refused.begin(); it != refused.end(); ++it) {
        auto& t = out.emplace_back();
        t.name = it->name;
        for (const auto& p : index_of(*it)) {
            auto& part = t.partitions.emplace_back();
            part.partition_index = p;
            part.error_code = topic_refused;
        }
    }
    topics.erase(refused.begin(), refused.end());
}

template <class Topic>
std::vector<int32_t> partition_indexes(const Topic& t) {
    std::vector<int32_t> out;
    for (const auto& p : t.partitions) out.push_back(p.partition_index);
    return out;
}

// OffsetFetch answers for one group: refused topics named by the request get TOPIC_AUTHORIZATION_FAILED,
// and an "all topics" answer leaves out what the principal may not DESCRIBE.
void hide_refused_topics(const request_context& ctx, bool named,
                         std::vector<protocol::offset_fetch_response::topic>& topics) {
    for (auto& t : topics) {
        if (!named || authorized_on_topic(ctx, acl_operation::describe, t.name)) continue;
        for (auto& p : t.partitions) p = {p.partition_index, -1, -1, std::nullopt, topic_refused};
    }
    if (!named)
        std::erase_if(topics,
                      [&](const auto& t) { return !authorized_on_topic(ctx, acl_operation::describe, t.name); });
}
}  // namespace

awaitable<std::optional<protocol::offset_commit_response>> handle_offset_commit(
    request_context& ctx, protocol::offset_commit_request& request) {
    if (!authorized_on_group(ctx, acl_operation::read, request.group_id)) {
        protocol::offset_commit_response response;
        for (const auto& t : request.topics) {
            auto& out = response.topics.emplace_back();
            out.name = t.name;
            for (const auto& p : t.partitions) out.partitions.push_back({p.partition_index, group_refused});
        }
        co_return response;
    }
    std::vector<protocol::offset_commit_response::topic> refused;
    split_refused_topics(ctx, acl_operation::read, request.topics, refused,
                         [](const auto& t) { return partition_indexes(t); });
    auto response = co_await ctx.broker.groups.commit_offsets(request);
    response.topics.insert(response.topics.end(), refused.begin(), refused.end());
    co_return response;
}

awaitable<std::optional<protocol::offset_fetch_response>> handle_offset_fetch(request_context& ctx,
                                                                              protocol::offset_fetch_request& request) {
    auto may_describe = [&](const std::string& group) {
        return authorized_on_group(ctx, acl_operation::describe, group);
    };
    if (ctx.version() < 8 && !may_describe(request.group_id)) {
        protocol::offset_fetch_response response;
        response.error_code = group_refused;
        // v0-1 have no top-level error: each named partition carries it.
        if (request.topics)
            for (const auto& t : *request.topics) {
                auto& out = response.topics.emplace_back();
                out.name = t.name;
                for (int32_t p : t.partition_indexes)
                    out.partitions.push_back({p, -1, -1, std::nullopt, group_refused});
            }
        co_return response;
    }
    // v8 asks for several groups: the refused ones are answered here, the others by the coordinator.
    std::vector<protocol::offset_fetch_response::group> refused_groups;
    if (ctx.version() >= 8) {
        auto refused =
            std::ranges::stable_partition(request.groups, [&](const auto& g) { return may_describe(g.group_id); });
        for (auto it = refused.begin(); it != refused.end(); ++it)
            refused_groups.push_back({it->group_id, {}, group_refused});
        request.groups.erase(refused.begin(), refused.end());
    }
    auto response = ctx.broker.groups.fetch_offsets(request, ctx.version());
    if (ctx.version() < 8) {
        hide_refused_topics(ctx, request.topics.has_value(), response.topics);
    } else {
        for (auto& g : response.groups) {
            auto asked = std::ranges::find_if(request.groups, [&](const auto& r) { return r.group_id == g.group_id; });
            hide_refused_topics(ctx, asked != request.groups.end() && asked->topics.has_value(), g.topics);
        }
        response.groups.insert(response.groups.end(), refused_groups.begin(), refused_groups.end());
    }
    co_return response;
}

awaitable<std::optional<protocol::offset_delete_response>> handle_offset_delete(
    request_context& ctx, protocol::offset_delete_request& request) {
    if (!authorized_on_group(ctx, acl_operation::del, request.group_id)) {
        protocol::offset_delete_response response;
        response.error_code = group_refused;
        co_return response;
    }
    std::vector<protocol::offset_delete_response::topic> refused;
    split_refused_topics(ctx, acl_operation::read, request.topics, refused, [](const auto& t) {
        std::vector<int32_t> out;
        for (const auto& p : t.partitions) out.push_back(p.partition_index);
        return out;
    });
    auto response = ctx.broker.groups.delete_offsets(request);
    response.topics.insert(response.topics.end(), refused.begin(), refused.end());
    co_return response;
}

}  // namespace sluice::broker
