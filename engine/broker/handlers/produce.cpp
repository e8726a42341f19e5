#include "engine/broker/handlers/handlers.h"
#include "engine/protocol/record_batch.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

// Validates every batch of one partition's record set before appending any, so a bad batch appends nothing.
result<void> validate_record_set(request_context& ctx, const protocol::bytes& records) {
    auto batches = protocol::split_batches(records, false);
    if (!batches) return batches.err();
    if (batches->empty()) return make_error(error_code::corrupt_message, "empty record set");
    int64_t max_batch = ctx.broker.config.get_int("message.max.bytes");
    for (const auto& batch : *batches) {
        if (auto valid = protocol::validate_batch_for_append(batch); !valid) return valid;
        if (static_cast<int64_t>(batch.bytes.size()) > max_batch)
            return make_error(error_code::message_too_large,
                              "record batch of " + std::to_string(batch.bytes.size()) +
                                  " bytes is larger than message.max.bytes (" + std::to_string(max_batch) + ")");
    }
    return {};
}
}  // namespace

awaitable<std::optional<protocol::produce_response>> handle_produce(request_context& ctx,
                                                                    protocol::produce_request& request) {
    protocol::produce_response response;
    bool acks_valid = request.acks == 0 || request.acks == 1 || request.acks == -1;
    for (auto& topic : request.topics) {
        auto& topic_response = response.responses.emplace_back();
        topic_response.name = topic.name;
        for (auto& data : topic.partitions) {
            auto& out = topic_response.partitions.emplace_back();
            out.index = data.index;
            partition* p = ctx.broker.logs.find(topic.name, data.index);
            auto fail = [&](const sluice::error& e) {
                out.error_code = static_cast<int16_t>(e.code);
                out.error_message = e.message;
            };
            if (!acks_valid) {
                fail({error_code::invalid_required_acks, "acks must be 0, 1 or -1"});
                continue;
            }
            if (p == nullptr) {
                fail({error_code::unknown_topic_or_partition, "This server does not host this topic-partition."});
                continue;
            }
            if (!data.records) {
                fail({error_code::corrupt_message, "null record set"});
                continue;
            }
            if (auto valid = validate_record_set(ctx, *data.records); !valid) {
                fail(valid.err());
                continue;
            }
            auto appended = p->append(*data.records, wall_clock_ms());
            if (!appended) {
                fail(appended.err());
                continue;
            }
            out.base_offset = appended->base_offset;
            out.log_append_time_ms = appended->log_append_time;
            out.log_start_offset = p->log().log_start_offset();
        }
    }
    if (request.acks == 0) co_return std::nullopt;  // acks=0: the client expects no response at all
    co_return response;
}

}  // namespace sluice::broker
