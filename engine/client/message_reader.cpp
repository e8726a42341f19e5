#include "engine/client/message_reader.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/list_offsets.h"

namespace sluice::client {

using protocol::error_code;

message_reader::message_reader(cluster_client& client, std::string topic) : client_(client), topic_(std::move(topic)) {}

result<void> message_reader::refresh() {
    auto meta = client_.topic_metadata(topic_);
    if (!meta) return meta.err();
    metadata_ = std::move(meta).value();
    return {};
}

int32_t message_reader::leader_of(int32_t partition) const {
    if (!metadata_) return -1;
    for (const auto& p : metadata_->partitions)
        if (p.partition == partition) return p.leader;
    return -1;
}

result<std::vector<int32_t>> message_reader::partitions() {
    if (auto r = refresh(); !r) return r.err();
    std::vector<int32_t> out;
    for (const auto& p : metadata_->partitions) out.push_back(p.partition);
    return out;
}

result<std::vector<partition_position>> message_reader::seek(std::span<const int32_t> wanted, start_position start) {
    if (start.from != start_from::earliest && start.value < 0)
        return make_error(error_code::invalid_request, start.from == start_from::latest
                                                           ? "the number of last records must be 0 or more"
                                                           : "the start offset or timestamp must be 0 or more");
    auto all = partitions();
    if (!all) return all.err();
    std::vector<int32_t> chosen(wanted.begin(), wanted.end());
    if (chosen.empty()) chosen = all.value();
    for (int32_t p : chosen)
        if (std::find(all->begin(), all->end(), p) == all->end())
            return make_error(error_code::unknown_topic_or_partition, "topic '" + topic_ + "' has no partition " +
                                                                          std::to_string(p) + " (it has " +
                                                                          std::to_string(all->size()) + ")");

    // Earliest and latest bound every start; a time query is asked alongside them.
    std::vector<offset_query> queries;
    for (int32_t p : chosen) {
        queries.push_back({topic_, p, protocol::earliest_timestamp});
        queries.push_back({topic_, p, protocol::latest_timestamp});
        if (start.from == start_from::timestamp) queries.push_back({topic_, p, start.value});
    }
    cluster_snapshot topology;
    topology.topics.push_back(*metadata_);
    const auto answers = client_.list_offsets(topology, queries);
    const std::size_t per_partition = start.from == start_from::timestamp ? 3 : 2;
    std::vector<partition_position> out;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const auto* a = &answers[i * per_partition];
        for (std::size_t j = 0; j < per_partition; ++j) {
            if (a[j].failure) return *a[j].failure;
            if (a[j].error != 0)
                return make_error(static_cast<error_code>(a[j].error),
                                  "ListOffsets failed for " + topic_ + "-" + std::to_string(chosen[i]));
        }
        partition_position pos;
        pos.partition = chosen[i];
        pos.log_start_offset = a[0].offset;
        pos.high_watermark = a[1].offset;
        switch (start.from) {
            case start_from::earliest:
                pos.next_offset = pos.log_start_offset;
                break;
            case start_from::latest:
                pos.next_offset = std::max(pos.log_start_offset, pos.high_watermark - start.value);
                break;
            case start_from::offset:
                pos.next_offset = std::clamp(start.value, pos.log_start_offset, pos.high_watermark);
                break;
            case start_from::timestamp:
                // -1: no record at or after that time, so reading starts at the end.
                pos.next_offset = a[2].offset < 0 ? pos.high_watermark : a[2].offset;
                break;
        }
        out.push_back(pos);
    }
    return out;
}

namespace {

bool is_stale_metadata(int16_t code) {
    switch (static_cast<error_code>(code)) {
        case error_code::not_leader_or_follower:
        case error_code::leader_not_available:
        case error_code::unknown_topic_or_partition:
        case error_code::fenced_leader_epoch:
            return true;
        default:
            return false;
    }
}

// Appends the records of `records` (a fetch response's bytes) at or after pos.next_offset, and advances it.
result<void> decode_into(std::span<const uint8_t> records, partition_position& pos, std::vector<message>& out) {
    auto batches = protocol::split_batches(records, true);
    if (!batches) return batches.err();
    for (const auto& batch : batches.value()) {
        const auto& h = batch.header;
        if (h.last_offset() < pos.next_offset) continue;  // a batch that starts before the position we asked for
        if (!h.is_control()) {
            auto decoded = protocol::decode_records(batch);
            if (!decoded) return decoded.err();
            for (auto& r : decoded.value()) {
                if (r.offset < pos.next_offset) continue;
                message m;
                m.partition = pos.partition;
                m.offset = r.offset;
                m.timestamp = r.timestamp;
                m.timestamp_kind = h.log_append_time() ? timestamp_type::log_append_time : timestamp_type::create_time;
                m.key = std::move(r.key);
                m.value = std::move(r.value);
                m.headers = std::move(r.headers);
                m.codec = h.codec();
                m.batch_bytes = static_cast<int32_t>(h.total_size());
                m.batch_records = h.record_count;
                out.push_back(std::move(m));
            }
        }
        pos.next_offset = h.last_offset() + 1;
    }
    return {};
}

}  // namespace

result<message_page> message_reader::fetch(std::span<const partition_position> positions, const fetch_limits& limits) {
    message_page page;
    page.positions.assign(positions.begin(), positions.end());
    if (positions.empty()) return page;
    if (!metadata_)
        if (auto r = refresh(); !r) return r.err();

    std::map<int32_t, std::vector<std::size_t>> by_leader;  // leader -> indexes into page.positions
    for (std::size_t i = 0; i < page.positions.size(); ++i) {
        const int32_t leader = leader_of(page.positions[i].partition);
        if (leader < 0)
            page.positions[i].error = static_cast<int16_t>(error_code::leader_not_available);
        else
            by_leader[leader].push_back(i);
    }
    std::vector<std::vector<message>> per_position(page.positions.size());
    bool stale = by_leader.size() == 0;
    std::optional<sluice::error> last_failure;
    std::size_t leaders_answered = 0;
    for (const auto& entry : by_leader) {
        const int32_t leader = entry.first;
        const std::vector<std::size_t>& indexes = entry.second;
        auto fail_all = [&](const sluice::error& e) {
            last_failure = e;
            stale = true;
            for (std::size_t i : indexes) page.positions[i].error = static_cast<int16_t>(e.code);
        };
        auto conn = client_.broker(leader);
        if (!conn) {
            fail_all(conn.err());
            continue;
        }
        auto version = conn.value()->pick_version(protocol::api_key::fetch);
        if (!version) {
            fail_all(version.err());
            continue;
        }
        protocol::fetch_request request;
        request.max_wait_ms = limits.max_wait_ms;
        request.min_bytes = limits.max_wait_ms > 0 ? 1 : 0;
        request.max_bytes = limits.max_bytes;
        protocol::fetch_request::topic topic;
        topic.name = topic_;
        for (std::size_t i : indexes) {
            protocol::fetch_request::partition p;
            p.partition_index = page.positions[i].partition;
            p.fetch_offset = page.positions[i].next_offset;
            p.partition_max_bytes = limits.partition_max_bytes;
            topic.partitions.push_back(p);
        }
        request.topics.push_back(std::move(topic));
        auto response = conn.value()->send<protocol::fetch_api>(request, version.value());
        if (!response) {
            fail_all(response.err());
            continue;
        }
        if (response->error_code != 0) {
            fail_all(make_error(static_cast<error_code>(response->error_code), "Fetch refused"));
            continue;
        }
        ++leaders_answered;
        for (const auto& t : response->responses) {
            if (t.name != topic_) continue;
            for (const auto& p : t.partitions) {
                auto it = std::find_if(indexes.begin(), indexes.end(),
                                       [&](std::size_t i) { return page.positions[i].partition == p.partition_index; });
                if (it == indexes.end()) continue;
                auto& pos = page.positions[*it];
                pos.error = p.error_code;
                if (p.high_watermark >= 0) pos.high_watermark = p.high_watermark;
                if (p.log_start_offset >= 0) pos.log_start_offset = p.log_start_offset;
                if (p.error_code == static_cast<int16_t>(error_code::offset_out_of_range) &&
                    pos.log_start_offset >= 0 && pos.next_offset < pos.log_start_offset) {
                    pos.next_offset = pos.log_start_offset;  // deleted by retention meanwhile: go on from the start
                    continue;
                }
                if (is_stale_metadata(p.error_code)) stale = true;
                if (p.error_code != 0 || !p.records) continue;
                if (auto decoded = decode_into(*p.records, pos, per_position[*it]); !decoded)
                    pos.error = static_cast<int16_t>(decoded.err().code);
            }
        }
    }
    if (stale) metadata_.reset();  // ask again for the leaders next time
    if (leaders_answered == 0 && !by_leader.empty() && last_failure) return *last_failure;
    for (auto& messages : per_position) std::move(messages.begin(), messages.end(), std::back_inserter(page.messages));
    return page;
}

}  // namespace sluice::client
