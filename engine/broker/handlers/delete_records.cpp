#include "engine/broker/authorization.h"
#include "engine/broker/handlers/admin_handlers.h"
#include "engine/metadata/topic_name.h"

namespace sluice::broker {

// Raises each partition's log start offset; offset -1 means the high watermark. Kafka's rules: an offset
// above the high watermark is OFFSET_OUT_OF_RANGE, one below the current start changes nothing.
awaitable<std::optional<protocol::delete_records_response>> handle_delete_records(request_context& ctx,
                                                                                  protocol::delete_records_request& request) {
    using protocol::error_code;
    protocol::delete_records_response response;
    for (const auto& t : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.name = t.name;
        const bool may_delete = authorized_on_topic(ctx, security::acl_operation::del, t.name);
        for (const auto& wanted : t.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            if (!may_delete) {
                out.error_code = static_cast<int16_t>(error_code::topic_authorization_failed);
                continue;
            }
            // Kafka's ReplicaManager refuses to delete records of an internal topic (InvalidTopicException):
            // below __consumer_offsets' start the groups' committed offsets are gone.
            if (metadata::is_internal_topic(t.name)) {
                out.error_code = static_cast<int16_t>(error_code::invalid_topic_exception);
                continue;
            }
            partition* p = ctx.broker.logs.find(t.name, wanted.partition_index);
            if (p == nullptr) {
                out.error_code = static_cast<int16_t>(error_code::unknown_topic_or_partition);
                continue;
            }
            int64_t offset = wanted.offset == -1 ? p->high_watermark() : wanted.offset;
            if (offset < 0 || offset > p->high_watermark()) {
                out.error_code = static_cast<int16_t>(error_code::offset_out_of_range);
                out.low_watermark = p->log().log_start_offset();
                continue;
            }
            if (offset > p->log().log_start_offset())
                if (auto moved = p->log().advance_log_start_offset(offset); !moved)
                    out.error_code = static_cast<int16_t>(moved.err().code);
            out.low_watermark = p->log().log_start_offset();
        }
    }
    co_return response;
}

}  // namespace sluice::broker
