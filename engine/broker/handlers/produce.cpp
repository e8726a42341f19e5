#include "engine/broker/authorization.h"
#include "engine/broker/broker_metrics.h"
#include "engine/broker/handlers/client_throttle.h"
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
            return make_error(error_code::message_too_large, "record batch of " + std::to_string(batch.bytes.size()) +
                                                                 " bytes is larger than max.message.bytes (" +
                                                                 std::to_string(policy.max_message_bytes) + ")");
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

// acks=all needs at least min.insync.replicas replicas in the partition's ISR, counting only members that are
// still caught up (leader_state::caught_up_isr_size): with its followers gone and the quorum with them, the
// ISR shrink can never commit, and Kafka's answer to the producer is still NOT_ENOUGH_REPLICAS.
int32_t in_sync_replicas(request_context& ctx, const partition& p) {
    const auto* leadership = p.leadership();
    if (!leadership) return 0;
    return static_cast<int32_t>(leadership->caught_up_isr_size(steady_clock_ms(), ctx.broker.replica_lag_time_max_ms));
}

result<void> check_min_isr(request_context& ctx, const partition& p, const topic_policy& policy) {
    const int32_t isr = in_sync_replicas(ctx, p);
    if (isr < policy.min_insync_replicas)
        return make_error(error_code::not_enough_replicas,
                          "The size of the current ISR (" + std::to_string(isr) +
                              ") is insufficient to satisfy the min.isr requirement of " +
                              std::to_string(policy.min_insync_replicas) + " for partition " + p.topic() + "-" +
                              std::to_string(p.index()));
    return {};
}

// An acks=all append waiting for the high watermark.
struct pending_commit {
    partition* p;
    std::size_t topic_at;  // where its answer sits in the response (indices: the vectors grow meanwhile)
    std::size_t partition_at;
    int64_t required_offset;
    int32_t min_insync;
};

// An acks=all append that did not commit in time: written but under-replicated when the ISR fell below
// min.insync.replicas meanwhile (NOT_ENOUGH_REPLICAS_AFTER_APPEND, as Kafka answers), else REQUEST_TIMED_OUT.
// Looked up again by name: the partition may have gone while the request waited.
error_code timed_out_outcome(request_context& ctx, const std::string& topic, int32_t index, int32_t min_insync) {
    const partition* p = ctx.broker.logs.find(topic, index);
    if (p && p->is_leader() && in_sync_replicas(ctx, *p) < min_insync)
        return error_code::not_enough_replicas_after_append;
    return error_code::request_timed_out;
}

// Waits (bounded by timeout_ms) for every pending append to commit and writes each outcome into its response.
// The outcomes live in shared state: a completion that comes after the wait gave up writes nowhere harmful.
awaitable<void> wait_for_commits(request_context& ctx, const std::vector<pending_commit>& pending, int32_t timeout_ms,
                                 protocol::produce_response& response) {
    if (pending.empty()) co_return;
    struct shared {
        explicit shared(asio::io_context& io) : timer(io) {}
        asio::steady_timer timer;
        std::vector<std::optional<error_code>> outcomes;
        std::size_t remaining = 0;
    };
    auto state = std::make_shared<shared>(ctx.broker.io);
    state->outcomes.resize(pending.size());
    state->remaining = pending.size();
    const int64_t deadline = steady_clock_ms() + std::max(0, timeout_ms);
    state->timer.expires_after(std::chrono::milliseconds(std::max(0, timeout_ms)));
    for (std::size_t i = 0; i < pending.size(); ++i)
        pending[i].p->wait_for_commit(pending[i].required_offset, deadline, pending[i].min_insync,
                                      [state, i](error_code code) {
                                          if (state->outcomes[i]) return;
                                          state->outcomes[i] = code;
                                          if (--state->remaining == 0) state->timer.cancel();
                                      });
    if (state->remaining > 0) {
        boost::system::error_code ec;
        co_await state->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    for (std::size_t i = 0; i < pending.size(); ++i) {
        auto& out = response.responses[pending[i].topic_at].partitions[pending[i].partition_at];
        error_code code = state->outcomes[i].value_or(
            timed_out_outcome(ctx, response.responses[pending[i].topic_at].name, out.index, pending[i].min_insync));
        state->outcomes[i] = code;  // a late completion is ignored
        if (code == error_code::none) continue;
        out.error_code = static_cast<int16_t>(code);
        out.error_message = std::string(protocol::error_name(code));
        if (code != error_code::not_enough_replicas_after_append) out.base_offset = -1;
    }
}
}  // namespace

awaitable<std::optional<protocol::produce_response>> handle_produce(request_context& ctx,
                                                                    protocol::produce_request& request) {
    protocol::produce_response response;
    std::vector<pending_commit> pending;
    int64_t request_bytes = 0;  // what counts against the client's producer_byte_rate
    for (const auto& topic : request.topics)
        for (const auto& data : topic.partitions) request_bytes += data.records ? data.records->size() : 0;
    bool acks_valid = request.acks == 0 || request.acks == 1 || request.acks == -1;
    for (auto& topic : request.topics) {
        auto& topic_response = response.responses.emplace_back();
        topic_response.name = topic.name;
        const bool may_write = authorized_on_topic(ctx, security::acl_operation::write, topic.name);
        for (auto& data : topic.partitions) {
            auto& out = topic_response.partitions.emplace_back();
            out.index = data.index;
            partition* p = ctx.broker.logs.find(topic.name, data.index);
            auto fail = [&](const sluice::error& e) {
                out.error_code = static_cast<int16_t>(e.code);
                out.error_message = e.message;
            };
            if (!may_write) {
                fail({error_code::topic_authorization_failed, "Not authorized to WRITE topic " + topic.name});
                continue;
            }
            if (!acks_valid) {
                fail({error_code::invalid_required_acks, "acks must be 0, 1 or -1"});
                continue;
            }
            if (p == nullptr) {
                fail({error_code::unknown_topic_or_partition, "This server does not host this topic-partition."});
                continue;
            }
            if (!p->is_leader()) {
                fail({error_code::not_leader_or_follower, "This server is not the leader for that topic-partition."});
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
                if (auto enough = check_min_isr(ctx, *p, policy); !enough) {
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
            if (!appended->duplicate) {  // BytesInPerSec and MessagesInPerSec count what the log gained
                auto& counted = ctx.broker.metrics.topic(topic.name);
                counted.bytes_in.add(data.records->size());
                counted.messages_in.add(static_cast<uint64_t>(appended->last_offset - appended->base_offset + 1));
            }
            out.base_offset = appended->base_offset;
            out.log_append_time_ms = appended->log_append_time;
            out.log_start_offset = p->log().log_start_offset();
            if (request.acks == -1)
                pending.push_back({p, response.responses.size() - 1, topic_response.partitions.size() - 1,
                                   appended->last_offset + 1, policy.min_insync_replicas});
        }
    }
    if (request.acks == 0) {  // the client expects no response at all; over its quota it is still muted
        throttle_client(ctx, quota_kind::produce, request_bytes);
        co_return std::nullopt;
    }
    // acks=all: answer once every ISR member has every appended batch (the high watermark passed it), or
    // with REQUEST_TIMED_OUT after the request's timeout, as Kafka's delayed produce does.
    co_await wait_for_commits(ctx, pending, request.timeout_ms, response);
    response.throttle_time_ms = throttle_client(ctx, quota_kind::produce, request_bytes);
    co_return response;
}

}  // namespace sluice::broker
