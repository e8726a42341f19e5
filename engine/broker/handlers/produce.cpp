#include "engine/broker/handlers/handlers.h"
#include "engine/metadata/controller.h"
#include "engine/protocol/legacy_message_set.h"
#include "engine/protocol/record_batch.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

// Validates every batch of one partition's record set before appending any, so a bad batch appends nothing.
result<void> validate_record_set(const protocol::bytes& records, const topic_policy& policy) {
    auto batches = protocol::split_batches(records, false);
    if (!batches) return batches.err();
    if (batches->empty()) return make_error(error_code::corrupt_message, "empty record set");
    for (const auto& batch : *batches) {
        if (auto valid = protocol::validate_batch_for_append(batch); !valid) return valid;
        if (static_cast<int64_t>(batch.bytes.size()) > policy.max_message_bytes)
            return make_error(error_code::message_too_large,
                              "record batch of " + std::to_string(batch.bytes.size()) +
                                  " bytes is larger than max.message.bytes (" + std::to_string(policy.max_message_bytes) + ")");
    }
    return {};
}

// message.timestamp.type=LogAppendTime: every batch takes the broker's clock (and a fixed CRC).
void stamp_log_append_time(protocol::bytes& records, int64_t now_ms) {
    auto batches = protocol::split_batches(records, false);
    if (!batches) return;
    for (const auto& batch : *batches) {
        auto at = static_cast<std::size_t>(batch.bytes.data() - records.data());
        protocol::set_log_append_time(std::span<uint8_t>(records.data() + at, batch.bytes.size()), now_ms);
    }
}

// acks=all needs at least min.insync.replicas replicas in the partition's ISR.
result<void> check_min_isr(request_context& ctx, const std::string& topic, int32_t index, const topic_policy& policy) {
    const auto* state = ctx.broker.controller.image().find_topic(topic);
    if (!state) return {};
    auto it = state->partitions.find(index);
    if (it == state->partitions.end()) return {};
    auto isr = static_cast<int32_t>(it->second.isr.size());
    if (isr < policy.min_insync_replicas)
        return make_error(error_code::not_enough_replicas,
                          "The size of the current ISR (" + std::to_string(isr) +
                              ") is insufficient to satisfy the min.isr requirement of " +
                              std::to_string(policy.min_insync_replicas) + " for partition " + topic + "-" +
                              std::to_string(index));
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
            // Produce v0-v2 clients send magic 0/1 message sets: up-convert them to one v2 batch, as Kafka does.
            if (protocol::record_set_magic(*data.records) == 0 || protocol::record_set_magic(*data.records) == 1) {
                auto converted = protocol::convert_legacy_message_set(*data.records);
                if (!converted) {
                    fail(converted.err());
                    continue;
                }
                data.records = std::move(converted.value());
            }
            const topic_policy& policy = ctx.broker.logs.policy(topic.name);
            if (auto valid = validate_record_set(*data.records, policy); !valid) {
                fail(valid.err());
                continue;
            }
            if (request.acks == -1)
                if (auto enough = check_min_isr(ctx, topic.name, data.index, policy); !enough) {
                    fail(enough.err());
                    continue;
                }
            int64_t now_ms = wall_clock_ms();
            if (policy.log_append_time) stamp_log_append_time(*data.records, now_ms);
            auto appended = p->append(*data.records, now_ms);
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
