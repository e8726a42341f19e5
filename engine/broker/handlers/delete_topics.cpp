#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

awaitable<std::optional<protocol::delete_topics_response>> handle_delete_topics(request_context& ctx,
                                                                                protocol::delete_topics_request& request) {
    protocol::delete_topics_response response;
    for (const auto& name : request.topic_names) {
        auto& out = response.responses.emplace_back();
        out.name = name;
        if (!authorized_on_topic(ctx, security::acl_operation::del, name)) {
            out.error_code = static_cast<int16_t>(protocol::error_code::topic_authorization_failed);
            continue;
        }
        metadata_writer::plan plan = [&name](const metadata::controller& c) { return c.delete_topic(name); };
        if (auto deleted = co_await ctx.broker.writer.submit(std::move(plan)); !deleted) {
            out.error_code = static_cast<int16_t>(deleted.err().code);
            out.error_message = deleted.err().message;
        }
    }
    co_return response;
}

}  // namespace sluice::broker
