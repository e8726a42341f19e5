#include "engine/broker/authorization.h"
#include "engine/broker/handlers/handlers.h"
#include "engine/protocol/record_batch.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

struct offset_and_time {
    int64_t offset = -1;
    int64_t timestamp = -1;
};

// Kafka's answer for a timestamp: the first record whose timestamp is at or after it. The log finds the
// batch; the batch's records (decompressed if need be) give the exact offset.
offset_and_time offset_for_timestamp(partition& p, int64_t timestamp) {
    auto header = p.log().find_batch_by_timestamp(timestamp);
    if (!header || header->base_offset >= p.high_watermark()) return {};
    // DeleteRecords may have moved the log start into the middle of this batch: read from the start then.
    int64_t log_start = p.log().log_start_offset();
    auto slice = p.log().read(std::max(header->base_offset, log_start), 1, p.high_watermark());
    if (!slice) return {};
    auto batches = protocol::split_batches(slice->bytes, true);
    if (!batches || batches->empty()) return {};
    auto records = protocol::decode_records(batches->front());
    if (!records) return {header->base_offset, header->max_timestamp};
    for (const auto& r : *records) {
        int64_t ts = batches->front().header.log_append_time() ? batches->front().header.max_timestamp : r.timestamp;
        if (r.offset < log_start) continue;
        if (ts >= timestamp) return {r.offset, ts};
    }
    return {};
}
}  // namespace

awaitable<std::optional<protocol::list_offsets_response>> handle_list_offsets(request_context& ctx,
                                                                              protocol::list_offsets_request& request) {
    protocol::list_offsets_response response;
    for (const auto& topic : request.topics) {
        auto& topic_out = response.topics.emplace_back();
        topic_out.name = topic.name;
        const bool may_describe = authorized_on_topic(ctx, security::acl_operation::describe, topic.name);
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            if (!may_describe) {
                out.error_code = static_cast<int16_t>(error_code::topic_authorization_failed);
                continue;
            }
            partition* p = ctx.broker.logs.find(topic.name, wanted.partition_index);
            if (p == nullptr) {
                out.error_code = static_cast<int16_t>(error_code::unknown_topic_or_partition);
                continue;
            }
            offset_and_time found;
            if (wanted.timestamp == protocol::earliest_timestamp)
                found.offset = p->log().log_start_offset();
            else if (wanted.timestamp == protocol::latest_timestamp)
                found.offset = p->high_watermark();
            else if (wanted.timestamp < 0) {
                out.error_code = static_cast<int16_t>(error_code::invalid_request);
                continue;
            } else
                found = offset_for_timestamp(*p, wanted.timestamp);
            out.offset = found.offset;
            out.timestamp = found.timestamp;
            out.leader_epoch = p->leader_epoch();
            if (ctx.version() == 0 && found.offset >= 0) out.old_style_offsets = {found.offset};
        }
    }
    co_return response;
}

}  // namespace sluice::broker
