#include "engine/broker/handlers/quorum_handlers.h"
#include "engine/broker/metadata_quorum.h"
#include "engine/broker/metadata_writer.h"
#include "engine/raft/wire.h"

namespace sluice::broker {

namespace {
using protocol::error_code;
namespace wire = raft::wire;

// Decodes the request, checks the cluster id, lets the raft node answer and encodes its answer; any failure
// on the way is `error_of(code)`.
template <class RaftResponse, class Wire, class WireResponse>
awaitable<WireResponse> ask_quorum(request_context& ctx, const Wire& request, WireResponse (*error_of)(error_code)) {
    auto in = wire::from_wire(request);
    if (!in) co_return error_of(in.err().code);
    if (in->cluster_id && !in->cluster_id->empty() && *in->cluster_id != ctx.broker.cluster_id)
        co_return error_of(error_code::inconsistent_cluster_id);
    auto answer = co_await ctx.broker.quorum.handle(in->from, std::move(in->body));
    if (!answer) co_return error_of(answer.err().code);
    const auto* r = std::get_if<RaftResponse>(&answer.value());
    if (!r) co_return error_of(error_code::unknown_server_error);
    if constexpr (std::is_same_v<RaftResponse, raft::fetch_response>) {
        auto encoded = wire::to_wire(*r);
        if (!encoded) co_return error_of(encoded.err().code);
        co_return std::move(encoded.value());
    } else {
        co_return wire::to_wire(*r);
    }
}
}  // namespace

awaitable<std::optional<protocol::vote_response>> handle_vote(request_context& ctx, protocol::vote_request& request) {
    co_return co_await ask_quorum<raft::vote_response>(ctx, request, &wire::vote_error);
}

awaitable<std::optional<protocol::begin_quorum_epoch_response>> handle_begin_quorum_epoch(
    request_context& ctx, protocol::begin_quorum_epoch_request& request) {
    co_return co_await ask_quorum<raft::begin_quorum_epoch_response>(ctx, request, &wire::begin_quorum_epoch_error);
}

awaitable<std::optional<protocol::end_quorum_epoch_response>> handle_end_quorum_epoch(
    request_context& ctx, protocol::end_quorum_epoch_request& request) {
    co_return co_await ask_quorum<raft::end_quorum_epoch_response>(ctx, request, &wire::end_quorum_epoch_error);
}

awaitable<std::optional<protocol::fetch_snapshot_response>> handle_fetch_snapshot(
    request_context& ctx, protocol::fetch_snapshot_request& request) {
    co_return co_await ask_quorum<raft::fetch_snapshot_response>(ctx, request, &wire::fetch_snapshot_error);
}

bool is_quorum_fetch(const protocol::fetch_request& request) {
    for (const auto& t : request.topics)
        if (t.name == wire::metadata_topic) return true;
    return false;
}

awaitable<std::optional<protocol::fetch_response>> handle_quorum_fetch(request_context& ctx,
                                                                      protocol::fetch_request& request) {
    if (ctx.version() < wire::fetch_version) {
        // Before v12 a fetch cannot state its last fetched epoch: Kafka's raft answers only v12+.
        protocol::fetch_response response;
        for (const auto& t : request.topics) {
            auto& out = response.responses.emplace_back();
            out.name = t.name;
            for (const auto& p : t.partitions) {
                auto& part = out.partitions.emplace_back();
                part.partition_index = p.partition_index;
                part.error_code = static_cast<int16_t>(error_code::unsupported_version);
            }
        }
        co_return response;
    }
    co_return co_await ask_quorum<raft::fetch_response>(ctx, request, &wire::fetch_error);
}

awaitable<std::optional<protocol::describe_quorum_response>> handle_describe_quorum(
    request_context& ctx, protocol::describe_quorum_request& request) {
    auto& quorum = ctx.broker.quorum;
    // The leader knows every voter's progress: a follower asks it, and answers from its own view if it can't.
    if (!quorum.is_leader())
        if (auto leader = quorum.leader()) {
            auto conn = co_await quorum.connection_to(*leader);
            if (conn) {
                auto answer = co_await (*conn)->send<protocol::describe_quorum_api>(request, ctx.version(),
                                                                                     std::chrono::seconds(5));
                if (answer && answer->error_code == 0) co_return std::move(answer.value());
            }
        }
    protocol::describe_quorum_response response;
    for (const auto& t : request.topics) {
        auto& out = response.topics.emplace_back();
        out.topic_name = t.topic_name;
        for (const auto& p : t.partitions) {
            if (t.topic_name == wire::metadata_topic && p.partition_index == wire::metadata_partition) {
                out.partitions.push_back(co_await quorum.describe());
            } else {
                auto& part = out.partitions.emplace_back();
                part.partition_index = p.partition_index;
                part.error_code = static_cast<int16_t>(error_code::unknown_topic_or_partition);
            }
        }
    }
    co_return response;
}

awaitable<std::optional<protocol::broker_registration_response>> handle_broker_registration(
    request_context& ctx, protocol::broker_registration_request& request) {
    protocol::broker_registration_response response;
    auto fail = [&](error_code c) {
        response.error_code = static_cast<int16_t>(c);
        return response;
    };
    if (request.cluster_id != ctx.broker.cluster_id) co_return fail(error_code::inconsistent_cluster_id);
    if (request.listeners.empty()) co_return fail(error_code::invalid_request);
    // The first listener is the one the other nodes reach the broker on (metadata_writer sends it first).
    metadata::register_broker_record wanted;
    wanted.broker_id = request.broker_id;
    wanted.host = request.listeners.front().host;
    wanted.port = request.listeners.front().port;
    wanted.rack = request.rack;
    for (const auto& l : request.listeners) wanted.endpoints.push_back({l.name, l.host, l.port, l.security_protocol});
    metadata_writer::plan plan = [=](const metadata::controller& c) { return c.register_broker(wanted); };
    auto done = co_await ctx.broker.writer.submit(std::move(plan));
    if (!done) co_return fail(done.err().code);
    response.broker_epoch = ctx.broker.quorum.applied_offset() - 1;
    co_return response;
}

awaitable<std::optional<protocol::broker_heartbeat_response>> handle_broker_heartbeat(
    request_context& ctx, protocol::broker_heartbeat_request& request) {
    protocol::broker_heartbeat_response response;
    auto beat = co_await ctx.broker.writer.heartbeat(request.broker_id);
    response.error_code = beat ? int16_t{0} : static_cast<int16_t>(beat.err().code);
    const auto& brokers = ctx.broker.controller.image().brokers();
    auto it = brokers.find(request.broker_id);
    response.is_fenced = it == brokers.end() || it->second.fenced;
    response.is_caught_up = request.current_metadata_offset + 1 >= ctx.broker.quorum.high_watermark();
    co_return response;
}

}  // namespace sluice::broker
