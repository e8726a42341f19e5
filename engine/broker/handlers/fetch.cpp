#include <algorithm>
#include <chrono>
#include <optional>

#include "engine/broker/authorization.h"
#include "engine/broker/broker_metrics.h"
#include "engine/broker/handlers/client_throttle.h"
#include "engine/broker/handlers/handlers.h"
#include "engine/broker/handlers/quorum_handlers.h"
#include "engine/metadata/effective_config.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

// A follower's fetch (v12+) names the epoch of its last batch: when this leader's log has that epoch ending
// earlier (or not at all), the follower diverged there and must truncate to what DivergingEpoch says.
std::optional<replication::epoch_end_offset> divergence(partition& p,
                                                        const protocol::fetch_request::partition& wanted) {
    if (wanted.last_fetched_epoch < 0) return std::nullopt;
    auto end = p.epochs().end_offset_for(replication::leader_epoch(wanted.last_fetched_epoch),
                                         replication::offset(p.log().log_end_offset()));
    if (end.epoch.value() == wanted.last_fetched_epoch && end.end_offset.value() >= wanted.fetch_offset)
        return std::nullopt;
    return end;
}

// The leader epoch a client believes in against ours (KIP-320): older is fenced, newer is not known yet.
std::optional<error_code> check_leader_epoch(const partition& p, int32_t current_leader_epoch) {
    if (current_leader_epoch < 0 || current_leader_epoch == p.leader_epoch()) return std::nullopt;
    return current_leader_epoch < p.leader_epoch() ? error_code::fenced_leader_epoch : error_code::unknown_leader_epoch;
}

// Reads every requested partition once; returns the bytes gathered. The first pass of a follower's fetch
// (`record_positions`) tells each partition's leader state where that follower is.
int64_t read_partitions(request_context& ctx, const protocol::fetch_request& request,
                        protocol::fetch_response& response, bool record_positions) {
    response.responses.clear();
    int64_t total = 0;
    int64_t budget = request.max_bytes > 0 ? request.max_bytes : 0x7fffffff;
    bool from_follower = request.replica_id >= 0;
    // A follower replicates with CLUSTER_ACTION on the cluster, a consumer reads with READ on each topic; a
    // refused one learns nothing about the partition, as in Kafka.
    const bool follower_allowed = from_follower && authorized_on_cluster(ctx, security::acl_operation::cluster_action);
    // A consumer's response is capped at fetch.max.bytes as in Kafka (a follower sizes its own requests with
    // replica.fetch.response.max.bytes), so a client asking for 2^31-1 bytes cannot make the node buffer a
    // whole partition.
    if (!from_follower)
        budget = std::min(budget, metadata::broker_config_int(ctx.broker.controller.sources(), "fetch.max.bytes"));
    for (const auto& topic : request.topics) {
        auto& topic_out = response.responses.emplace_back();
        topic_out.name = topic.name;
        const bool may_read =
            from_follower ? follower_allowed : authorized_on_topic(ctx, security::acl_operation::read, topic.name);
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            out.records = protocol::bytes{};
            if (!may_read) {
                out.error_code = static_cast<int16_t>(error_code::topic_authorization_failed);
                continue;
            }
            partition* p = ctx.broker.logs.find(topic.name, wanted.partition_index);
            if (p == nullptr) {
                out.error_code = static_cast<int16_t>(error_code::unknown_topic_or_partition);
                continue;
            }
            if (!p->is_leader()) {
                out.error_code = static_cast<int16_t>(error_code::not_leader_or_follower);
                out.current_leader = {p->leader_id(), p->leader_epoch()};
                continue;
            }
            if (auto fenced = check_leader_epoch(*p, wanted.current_leader_epoch)) {
                out.error_code = static_cast<int16_t>(*fenced);
                out.current_leader = {p->leader_id(), p->leader_epoch()};
                continue;
            }
            if (from_follower) {
                if (auto diverged = divergence(*p, wanted)) {
                    out.diverging_epoch = {diverged->epoch.value(), diverged->end_offset.value()};
                    out.high_watermark = p->high_watermark();
                    out.log_start_offset = p->log().log_start_offset();
                    continue;
                }
                if (record_positions)
                    if (auto recorded =
                            p->on_follower_fetch(request.replica_id, wanted.fetch_offset, steady_clock_ms());
                        !recorded && recorded.err().code == error_code::not_leader_or_follower) {
                        out.error_code = static_cast<int16_t>(recorded.err().code);
                        continue;
                    }
            }
            out.high_watermark = p->high_watermark();
            out.last_stable_offset = p->high_watermark();
            out.log_start_offset = p->log().log_start_offset();
            if (budget <= 0) continue;  // response full: later partitions come next time
            int64_t limit = from_follower ? p->log().log_end_offset() : p->high_watermark();
            if (wanted.fetch_offset < p->log().log_start_offset() || wanted.fetch_offset > p->log().log_end_offset()) {
                out.error_code = static_cast<int16_t>(error_code::offset_out_of_range);
                continue;
            }
            if (wanted.fetch_offset >= limit) continue;
            int32_t max_bytes = static_cast<int32_t>(std::min<int64_t>(wanted.partition_max_bytes, budget));
            auto slice = p->log().read(wanted.fetch_offset, max_bytes, limit);
            if (!slice) {
                out.error_code = static_cast<int16_t>(slice.err().code);
                continue;
            }
            // KIP-74: only the first partition that returns data may exceed the limits (one whole batch, so a
            // batch larger than them can still be consumed); later partitions must fit, as in Kafka.
            if (total > 0 && static_cast<int64_t>(slice->bytes.size()) > max_bytes) slice->bytes.clear();
            total += static_cast<int64_t>(slice->bytes.size());
            budget -= static_cast<int64_t>(slice->bytes.size());
            out.records = std::move(slice->bytes);
        }
    }
    return total;
}

constexpr int32_t max_long_poll_ms = 30000;  // request.timeout.ms' default in Kafka's clients

// Kafka's BytesOutPerSec counts what consumers are sent, per topic; what followers are sent is replication
// traffic (ReplicationBytesOutPerSec), for all topics together.
void count_bytes_out(broker_metrics& metrics, const protocol::fetch_request& request,
                     const protocol::fetch_response& response) {
    for (const auto& topic : response.responses) {
        uint64_t bytes = 0;
        for (const auto& p : topic.partitions) bytes += p.records ? p.records->size() : 0;
        if (bytes == 0) continue;  // also keeps topics this node never served out of the labels
        if (request.replica_id >= 0)
            metrics.replication_bytes_out.add(bytes);
        else
            metrics.topic(topic.name).bytes_out.add(bytes);
    }
}

// An error or a divergence answers at once: waiting would not change it.
bool has_error(const protocol::fetch_response& response) {
    for (const auto& t : response.responses)
        for (const auto& p : t.partitions)
            if (p.error_code != 0 || p.diverging_epoch.end_offset >= 0 || p.diverging_epoch.epoch >= 0) return true;
    return false;
}
}  // namespace

awaitable<std::optional<protocol::fetch_response>> handle_fetch(request_context& ctx, protocol::fetch_request& request) {
    if (is_quorum_fetch(request)) {
        if (!may_cluster_action(ctx)) {  // the metadata quorum's followers are nodes
            protocol::fetch_response refused;
            refused.error_code = static_cast<int16_t>(error_code::cluster_authorization_failed);
            co_return refused;
        }
        co_return co_await handle_quorum_fetch(ctx, request);
    }
    protocol::fetch_response response;
    // Any wait up to max_wait_ms is Kafka's contract, so answering (empty) sooner is always allowed: a long poll
    // is bounded by the default client request timeout, and a client that asks for 2^31-1 ms re-fetches.
    const int32_t wait_ms = std::clamp(request.max_wait_ms, 0, max_long_poll_ms);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    for (bool first = true;; first = false) {
        int64_t gathered = read_partitions(ctx, request, response, first);
        if (gathered >= std::max(1, request.min_bytes) || has_error(response) ||
            std::chrono::steady_clock::now() >= deadline)
            break;
        // Long poll: sleep until the deadline or until an append to any requested partition cancels the timer.
        auto timer = std::make_shared<asio::steady_timer>(ctx.broker.io, deadline);
        for (const auto& topic : request.topics)
            for (const auto& wanted : topic.partitions)
                if (partition* p = ctx.broker.logs.find(topic.name, wanted.partition_index)) p->add_waiter(timer);
        ctx.connection.liveness->park(timer);  // and wake if the client goes away meanwhile
        boost::system::error_code ec;
        co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (ctx.connection.liveness->closed()) co_return std::nullopt;  // no one to answer
    }
    count_bytes_out(ctx.broker.metrics, request, response);
    if (request.replica_id < 0) {  // followers replicate unthrottled: client quotas are for clients
        int64_t bytes = 0;
        for (const auto& topic : response.responses)
            for (const auto& p : topic.partitions) bytes += p.records ? p.records->size() : 0;
        response.throttle_time_ms = throttle_client(ctx, quota_kind::fetch, bytes);
    }
    co_return response;
}

}  // namespace sluice::broker
