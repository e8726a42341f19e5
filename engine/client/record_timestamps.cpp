#include "engine/client/record_timestamps.h"

#include <map>
#include <set>
#include <utility>

#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/record_batch.h"

namespace sluice::client {

namespace {

using partition_key = std::pair<std::string, int32_t>;

// Enough for a whole batch of most producers; the first partition gets its batch whatever its size (KIP-74).
constexpr int32_t partition_max_bytes = 1024 * 1024;
constexpr int32_t response_max_bytes = 16 * 1024 * 1024;

int32_t leader_of(const cluster_snapshot& topology, const partition_key& key) {
    for (const auto& t : topology.topics)
        if (t.name == key.first)
            for (const auto& p : t.partitions)
                if (p.partition == key.second) return p.leader;
    return -1;
}

// The timestamp of the first record at or after `offset` in the first batch of a fetched range.
std::optional<int64_t> first_timestamp_from(const std::vector<uint8_t>& records, int64_t offset) {
    auto batches = protocol::split_batches(records, true);
    if (!batches || batches->empty()) return std::nullopt;
    const auto& batch = batches->front();
    // Past every record but the last: the batch's newest timestamp is that record's, no need to decompress.
    if (offset >= batch.header.last_offset()) return batch.header.max_timestamp;
    auto decoded = protocol::decode_records(batch);
    if (!decoded) return std::nullopt;
    for (const auto& r : decoded.value())
        if (r.offset >= offset) return r.timestamp;
    return std::nullopt;
}

}  // namespace

std::vector<std::optional<int64_t>> read_record_timestamps(cluster_client& client, const cluster_snapshot& topology,
                                                           std::span<const record_position> positions) {
    // Each partition's distinct offsets, grouped by leader; round r asks every partition for its r-th offset.
    std::map<partition_key, std::set<int64_t>> wanted;
    for (const auto& p : positions) wanted[{p.topic, p.partition}].insert(p.offset);
    std::map<int32_t, std::vector<std::pair<partition_key, std::vector<int64_t>>>> by_leader;
    for (auto& [key, offsets] : wanted)
        if (const int32_t leader = leader_of(topology, key); leader >= 0)
            by_leader[leader].push_back({key, std::vector<int64_t>(offsets.begin(), offsets.end())});

    std::map<std::pair<partition_key, int64_t>, int64_t> found;
    for (auto& [leader, partitions] : by_leader) {
        auto conn = client.broker(leader);
        if (!conn) continue;
        auto version = conn.value()->pick_version(protocol::api_key::fetch);
        if (!version) continue;
        for (std::size_t round = 0;; ++round) {
            protocol::fetch_request request;
            request.max_wait_ms = 0;
            request.min_bytes = 0;
            request.max_bytes = response_max_bytes;
            for (const auto& [key, offsets] : partitions) {
                if (round >= offsets.size()) continue;
                if (request.topics.empty() || request.topics.back().name != key.first)
                    request.topics.push_back({key.first, {}});
                protocol::fetch_request::partition part;
                part.partition_index = key.second;
                part.fetch_offset = offsets[round];
                part.partition_max_bytes = partition_max_bytes;
                request.topics.back().partitions.push_back(part);
            }
            if (request.topics.empty()) break;
            auto response = conn.value()->send<protocol::fetch_api>(request, version.value());
            if (!response) break;
            for (const auto& t : response->responses)
                for (const auto& p : t.partitions) {
                    if (p.error_code != 0 || !p.records) continue;
                    const partition_key key{t.name, p.partition_index};
                    const auto offsets = wanted.find(key);
                    if (offsets == wanted.end() || round >= offsets->second.size()) continue;
                    const int64_t offset = *std::next(offsets->second.begin(), static_cast<std::ptrdiff_t>(round));
                    if (auto ts = first_timestamp_from(*p.records, offset)) found[{key, offset}] = *ts;
                }
        }
    }

    std::vector<std::optional<int64_t>> timestamps;
    timestamps.reserve(positions.size());
    for (const auto& p : positions) {
        auto it = found.find({{p.topic, p.partition}, p.offset});
        timestamps.push_back(it == found.end() ? std::nullopt : std::optional<int64_t>(it->second));
    }
    return timestamps;
}

}  // namespace sluice::client
