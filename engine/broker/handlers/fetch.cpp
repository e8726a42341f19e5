#include <chrono>

#include "engine/broker/handlers/handlers.h"
#include "engine/broker/handlers/quorum_handlers.h"

namespace sluice::broker {

namespace {
using protocol::error_code;

// Reads every requested partition once; returns the bytes gathered.
int64_t read_partitions(request_context& ctx, const protocol::fetch_request& request,
                        protocol::fetch_response& response) {
    response.responses.clear();
    int64_t total = 0;
    int64_t budget = request.max_bytes > 0 ? request.max_bytes : 0x7fffffff;
    bool from_follower = request.replica_id >= 0;
    for (const auto& topic : request.topics) {
        auto& topic_out = response.responses.emplace_back();
        topic_out.name = topic.name;
        for (const auto& wanted : topic.partitions) {
            auto& out = topic_out.partitions.emplace_back();
            out.partition_index = wanted.partition_index;
            out.records = protocol::bytes{};
            partition* p = ctx.broker.logs.find(topic.name, wanted.partition_index);
            if (p == nullptr) {
                out.error_code = static_cast<int16_t>(error_code::unknown_topic_or_partition);
                continue;
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

bool has_error(const protocol::fetch_response& response) {
    for (const auto& t : response.responses)
        for (const auto& p : t.partitions)
            if (p.error_code != 0) return true;
    return false;
}
}  // namespace

awaitable<std::optional<protocol::fetch_response>> handle_fetch(request_context& ctx, protocol::fetch_request& request) {
    if (is_quorum_fetch(request)) co_return co_await handle_quorum_fetch(ctx, request);
    protocol::fetch_response response;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, request.max_wait_ms));
    for (;;) {
        int64_t gathered = read_partitions(ctx, request, response);
        if (gathered >= std::max(1, request.min_bytes) || has_error(response) ||
            std::chrono::steady_clock::now() >= deadline)
            break;
        // Long poll: sleep until the deadline or until an append to any requested partition cancels the timer.
        auto timer = std::make_shared<asio::steady_timer>(ctx.broker.io, deadline);
        for (const auto& topic : request.topics)
            for (const auto& wanted : topic.partitions)
                if (partition* p = ctx.broker.logs.find(topic.name, wanted.partition_index)) p->add_waiter(timer);
        boost::system::error_code ec;
        co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return response;
}

}  // namespace sluice::broker
