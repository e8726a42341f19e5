#include <algorithm>

#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"

namespace sluice::broker {

// One log directory (the data dir) with the size of every partition hosted in it, or of the requested ones.
awaitable<std::optional<protocol::describe_log_dirs_response>> handle_describe_log_dirs(
    request_context& ctx, protocol::describe_log_dirs_request& request) {
    protocol::describe_log_dirs_response response;
    // Without DESCRIBE on the cluster Kafka answers v0-2 with no log dirs at all (v3+ would carry the error).
    if (!may_describe_cluster(ctx)) co_return response;
    auto& dir = response.results.emplace_back();
    std::error_code ec;
    auto absolute = std::filesystem::absolute(ctx.broker.logs.data_dir(), ec);
    dir.log_dir = (ec ? ctx.broker.logs.data_dir() : absolute).string();
    for (const auto& [name, partitions] : ctx.broker.logs.topics()) {
        const protocol::describe_log_dirs_request::topic* filter = nullptr;
        if (request.topics) {
            auto it = std::find_if(request.topics->begin(), request.topics->end(), [&](const auto& t) { return t.topic == name; });
            if (it == request.topics->end()) continue;
            filter = &*it;
        }
        protocol::describe_log_dirs_response::topic topic;
        topic.name = name;
        for (const auto& [index, p] : partitions) {
            if (filter && std::find(filter->partitions.begin(), filter->partitions.end(), index) == filter->partitions.end())
                continue;
            topic.partitions.push_back({index, p->log().size_bytes(), p->log().log_end_offset() - p->high_watermark(), false});
        }
        if (!topic.partitions.empty()) dir.topics.push_back(std::move(topic));
    }
    co_return response;
}

}  // namespace sluice::broker
