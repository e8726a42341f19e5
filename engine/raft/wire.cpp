#include "engine/raft/wire.h"

#include "engine/protocol/record_batch.h"

namespace sluice::raft::wire {

namespace {

// A control record's key: version 0, type 2 (LeaderChange), as persistent_log writes it.
const std::vector<uint8_t> leader_change_key{0, 0, 0, 2};

int32_t id_or_none(const std::optional<node_id>& id) { return id ? id->value() : -1; }
std::optional<node_id> none_or_id(int32_t id) { return id < 0 ? std::nullopt : std::optional<node_id>(node_id{id}); }
int16_t code(error_code c) { return static_cast<int16_t>(c); }
error_code code(int16_t c) { return static_cast<error_code>(c); }

std::optional<std::string> named(const std::string& cluster_id) {
    return cluster_id.empty() ? std::nullopt : std::optional<std::string>(cluster_id);
}

error not_metadata_partition() {
    return make_error(error_code::invalid_request, "raft: the request must name __cluster_metadata partition 0");
}

// The one partition of a request or response, if it is the metadata partition.
template <class Topics>
auto only_partition(const Topics& topics) -> decltype(&topics.front().partitions.front()) {
    if (topics.size() != 1 || topics.front().partitions.size() != 1) return nullptr;
    const auto& t = topics.front();
    if constexpr (requires { t.topic_name; }) {
        if (t.topic_name != metadata_topic) return nullptr;
    } else {
        if (t.name != metadata_topic) return nullptr;
    }
    return &t.partitions.front();
}

template <class Response, class Partition>
Response single(int16_t top_error, Partition p) {
    Response r;
    r.error_code = top_error;
    auto& t = r.topics.emplace_back();
    if constexpr (requires { t.topic_name; }) t.topic_name = std::string(metadata_topic);
    else t.name = std::string(metadata_topic);
    t.partitions.push_back(std::move(p));
    return r;
}

template <class Response>
Response error_only(error_code c) {
    Response r;
    r.error_code = code(c);
    return r;
}

template <class Quorum>
leader_and_epoch leader_of(const Quorum& p) {
    return {none_or_id(p.leader_id), epoch_id{p.leader_epoch}};
}

}  // namespace

result<protocol::bytes> encode_entries(log_offset base, std::span<const log_entry> entries) {
    protocol::bytes out;
    int64_t offset = base.value();
    for (std::size_t i = 0; i < entries.size();) {
        std::size_t j = i + 1;
        while (j < entries.size() && entries[j].epoch == entries[i].epoch && entries[j].control == entries[i].control) ++j;
        std::vector<protocol::record> records(j - i);
        for (std::size_t k = 0; k < records.size(); ++k) {
            const auto& e = entries[i + k];
            records[k].offset = offset + static_cast<int64_t>(k);
            records[k].timestamp = 0;
            if (e.control) records[k].key = leader_change_key;
            records[k].value = e.payload;
        }
        protocol::batch_build_options opts;
        opts.base_offset = offset;
        opts.partition_leader_epoch = entries[i].epoch.value();
        opts.control = entries[i].control;
        auto batch = protocol::build_batch(opts, records);
        if (!batch) return batch.err();
        out.insert(out.end(), batch->begin(), batch->end());
        offset += static_cast<int64_t>(records.size());
        i = j;
    }
    return out;
}

result<std::pair<log_offset, std::vector<log_entry>>> decode_entries(std::span<const uint8_t> batches,
                                                                   log_offset fallback) {
    auto views = protocol::split_batches(batches, false);
    if (!views) return views.err();
    std::pair<log_offset, std::vector<log_entry>> out{fallback, {}};
    std::optional<int64_t> next;
    for (const auto& b : *views) {
        if (!next) out.first = log_offset{b.header.base_offset};
        else if (b.header.base_offset != *next)
            return make_error(error_code::corrupt_message, "raft: fetched batches are not contiguous");
        auto records = protocol::decode_records(b);
        if (!records) return records.err();
        if (static_cast<int64_t>(records->size()) != b.header.last_offset_delta + 1)
            return make_error(error_code::corrupt_message, "raft: a fetched batch has offset gaps");
        for (auto& r : *records)
            out.second.push_back(log_entry{epoch_id{b.header.partition_leader_epoch}, b.header.is_control(),
                                           std::move(r.value).value_or(bytes{})});
        next = b.header.last_offset() + 1;
    }
    return out;
}

// --- requests ---

protocol::vote_request to_wire(const vote_request& m, const std::string& cluster_id) {
    protocol::vote_request r;
    r.cluster_id = named(cluster_id);
    auto& t = r.topics.emplace_back();
    t.topic_name = std::string(metadata_topic);
    t.partitions.push_back({metadata_partition, m.candidate_epoch.value(), m.candidate_id.value(),
                            m.last_offset_epoch.value(), m.last_offset.value()});
    return r;
}

protocol::begin_quorum_epoch_request to_wire(const begin_quorum_epoch_request& m, const std::string& cluster_id) {
    protocol::begin_quorum_epoch_request r;
    r.cluster_id = named(cluster_id);
    auto& t = r.topics.emplace_back();
    t.topic_name = std::string(metadata_topic);
    t.partitions.push_back({metadata_partition, m.leader_id.value(), m.leader_epoch.value()});
    return r;
}

protocol::end_quorum_epoch_request to_wire(const end_quorum_epoch_request& m, const std::string& cluster_id) {
    protocol::end_quorum_epoch_request r;
    r.cluster_id = named(cluster_id);
    auto& t = r.topics.emplace_back();
    t.topic_name = std::string(metadata_topic);
    auto& p = t.partitions.emplace_back();
    p.partition_index = metadata_partition;
    p.leader_id = m.leader_id.value();
    p.leader_epoch = m.leader_epoch.value();
    for (auto s : m.preferred_successors) p.preferred_successors.push_back(s.value());
    return r;
}

protocol::fetch_request to_wire(const fetch_request& m, const std::string& cluster_id) {
    protocol::fetch_request r;
    r.cluster_id = named(cluster_id);
    r.replica_id = m.replica_id.value();
    r.max_wait_ms = m.max_wait_ms;
    r.min_bytes = 0;
    auto& t = r.topics.emplace_back();
    t.name = std::string(metadata_topic);
    auto& p = t.partitions.emplace_back();
    p.partition_index = metadata_partition;
    p.current_leader_epoch = m.current_leader_epoch.value();
    p.fetch_offset = m.fetch_offset.value();
    p.last_fetched_epoch = m.last_fetched_epoch.value();
    p.partition_max_bytes = 1 << 20;
    return r;
}

protocol::fetch_snapshot_request to_wire(const fetch_snapshot_request& m, const std::string& cluster_id) {
    protocol::fetch_snapshot_request r;
    r.cluster_id = named(cluster_id);
    r.replica_id = m.replica_id.value();
    r.max_bytes = m.max_bytes;
    auto& t = r.topics.emplace_back();
    t.name = std::string(metadata_topic);
    auto& p = t.partitions.emplace_back();
    p.partition_index = metadata_partition;
    p.current_leader_epoch = m.current_leader_epoch.value();
    p.snapshot_id = {m.snapshot_id.offset.value(), m.snapshot_id.epoch.value()};
    p.position = m.position;
    return r;
}

result<inbound_request> from_wire(const protocol::vote_request& m) {
    const auto* p = only_partition(m.topics);
    if (!p || p->partition_index != metadata_partition) return not_metadata_partition();
    return inbound_request{node_id{p->candidate_id}, m.cluster_id,
                           vote_request{epoch_id{p->candidate_epoch}, node_id{p->candidate_id},
                                        epoch_id{p->last_offset_epoch}, log_offset{p->last_offset}}};
}

result<inbound_request> from_wire(const protocol::begin_quorum_epoch_request& m) {
    const auto* p = only_partition(m.topics);
    if (!p || p->partition_index != metadata_partition) return not_metadata_partition();
    return inbound_request{node_id{p->leader_id}, m.cluster_id,
                           begin_quorum_epoch_request{node_id{p->leader_id}, epoch_id{p->leader_epoch}}};
}

result<inbound_request> from_wire(const protocol::end_quorum_epoch_request& m) {
    const auto* p = only_partition(m.topics);
    if (!p || p->partition_index != metadata_partition) return not_metadata_partition();
    end_quorum_epoch_request body{node_id{p->leader_id}, epoch_id{p->leader_epoch}, {}};
    for (int32_t s : p->preferred_successors) body.preferred_successors.push_back(node_id{s});
    return inbound_request{node_id{p->leader_id}, m.cluster_id, std::move(body)};
}

result<inbound_request> from_wire(const protocol::fetch_request& m) {
    const auto* p = only_partition(m.topics);
    if (!p || p->partition_index != metadata_partition) return not_metadata_partition();
    return inbound_request{node_id{m.replica_id}, m.cluster_id,
                           fetch_request{node_id{m.replica_id}, epoch_id{p->current_leader_epoch},
                                         log_offset{p->fetch_offset}, epoch_id{p->last_fetched_epoch}, m.max_wait_ms}};
}

result<inbound_request> from_wire(const protocol::fetch_snapshot_request& m) {
    const auto* p = only_partition(m.topics);
    if (!p || p->partition_index != metadata_partition) return not_metadata_partition();
    return inbound_request{
        node_id{m.replica_id}, m.cluster_id,
        fetch_snapshot_request{node_id{m.replica_id}, epoch_id{p->current_leader_epoch},
                               {log_offset{p->snapshot_id.end_offset}, epoch_id{p->snapshot_id.epoch}}, p->position,
                               m.max_bytes}};
}

// --- responses ---

protocol::vote_response to_wire(const vote_response& m) {
    return single<protocol::vote_response>(
        0, protocol::vote_response::partition{metadata_partition, code(m.error), id_or_none(m.leader.leader_id),
                                              m.leader.leader_epoch.value(), m.vote_granted});
}

protocol::begin_quorum_epoch_response to_wire(const begin_quorum_epoch_response& m) {
    return single<protocol::begin_quorum_epoch_response>(
        0, protocol::begin_quorum_epoch_response::partition{metadata_partition, code(m.error),
                                                            id_or_none(m.leader.leader_id), m.leader.leader_epoch.value()});
}

protocol::end_quorum_epoch_response to_wire(const end_quorum_epoch_response& m) {
    return single<protocol::end_quorum_epoch_response>(
        0, protocol::end_quorum_epoch_response::partition{metadata_partition, code(m.error),
                                                          id_or_none(m.leader.leader_id), m.leader.leader_epoch.value()});
}

result<protocol::fetch_response> to_wire(const fetch_response& m) {
    protocol::fetch_response r;
    auto& t = r.responses.emplace_back();
    t.name = std::string(metadata_topic);
    auto& p = t.partitions.emplace_back();
    p.partition_index = metadata_partition;
    p.error_code = code(m.error);
    p.high_watermark = m.high_watermark.value();
    p.last_stable_offset = m.high_watermark.value();
    p.log_start_offset = m.log_start_offset.value();
    if (m.diverging_epoch) p.diverging_epoch = {m.diverging_epoch->epoch.value(), m.diverging_epoch->offset.value()};
    p.current_leader = {id_or_none(m.current_leader.leader_id), m.current_leader.leader_epoch.value()};
    if (m.snapshot_id) p.snapshot = {m.snapshot_id->offset.value(), m.snapshot_id->epoch.value()};
    auto records = encode_entries(m.records_offset, m.records);
    if (!records) return records.err();
    p.records = std::move(*records);
    return r;
}

protocol::fetch_snapshot_response to_wire(const fetch_snapshot_response& m) {
    protocol::fetch_snapshot_response r;
    auto& t = r.topics.emplace_back();
    t.name = std::string(metadata_topic);
    auto& p = t.partitions.emplace_back();
    p.index = metadata_partition;
    p.error_code = code(m.error);
    p.snapshot_id = {m.snapshot_id.offset.value(), m.snapshot_id.epoch.value()};
    p.current_leader = {id_or_none(m.current_leader.leader_id), m.current_leader.leader_epoch.value()};
    p.size = m.size;
    p.position = m.position;
    p.unaligned_records = m.unaligned_records;
    return r;
}

result<message> from_wire(const protocol::vote_response& m) {
    const auto* p = only_partition(m.topics);
    if (!p) {
        if (m.error_code != 0) return message{vote_response{code(m.error_code), {}, false}};
        return not_metadata_partition();
    }
    return message{vote_response{code(m.error_code != 0 ? m.error_code : p->error_code), leader_of(*p), p->vote_granted}};
}

result<message> from_wire(const protocol::begin_quorum_epoch_response& m) {
    const auto* p = only_partition(m.topics);
    if (!p) {
        if (m.error_code != 0) return message{begin_quorum_epoch_response{code(m.error_code), {}}};
        return not_metadata_partition();
    }
    return message{begin_quorum_epoch_response{code(m.error_code != 0 ? m.error_code : p->error_code), leader_of(*p)}};
}

result<message> from_wire(const protocol::end_quorum_epoch_response& m) {
    const auto* p = only_partition(m.topics);
    if (!p) {
        if (m.error_code != 0) return message{end_quorum_epoch_response{code(m.error_code), {}}};
        return not_metadata_partition();
    }
    return message{end_quorum_epoch_response{code(m.error_code != 0 ? m.error_code : p->error_code), leader_of(*p)}};
}

result<message> from_wire(const protocol::fetch_response& m, log_offset fetch_offset) {
    const auto* p = only_partition(m.responses);
    if (!p) {
        if (m.error_code != 0) {
            fetch_response r;
            r.error = code(m.error_code);
            return message{std::move(r)};
        }
        return not_metadata_partition();
    }
    fetch_response r;
    r.error = code(m.error_code != 0 ? m.error_code : p->error_code);
    r.high_watermark = log_offset{p->high_watermark};
    r.log_start_offset = log_offset{p->log_start_offset};
    if (p->diverging_epoch.epoch >= 0 || p->diverging_epoch.end_offset >= 0)
        r.diverging_epoch = offset_and_epoch{log_offset{p->diverging_epoch.end_offset}, epoch_id{p->diverging_epoch.epoch}};
    r.current_leader = {none_or_id(p->current_leader.leader_id), epoch_id{p->current_leader.leader_epoch}};
    if (p->snapshot.end_offset >= 0 || p->snapshot.epoch >= 0)
        r.snapshot_id = offset_and_epoch{log_offset{p->snapshot.end_offset}, epoch_id{p->snapshot.epoch}};
    auto entries = decode_entries(p->records ? std::span<const uint8_t>(*p->records) : std::span<const uint8_t>{},
                                  fetch_offset);
    if (!entries) return entries.err();
    r.records_offset = entries->first;
    r.records = std::move(entries->second);
    return message{std::move(r)};
}

result<message> from_wire(const protocol::fetch_snapshot_response& m) {
    const auto* p = only_partition(m.topics);
    if (!p) {
        if (m.error_code != 0) {
            fetch_snapshot_response r;
            r.error = code(m.error_code);
            return message{std::move(r)};
        }
        return not_metadata_partition();
    }
    fetch_snapshot_response r;
    r.error = code(m.error_code != 0 ? m.error_code : p->error_code);
    r.snapshot_id = {log_offset{p->snapshot_id.end_offset}, epoch_id{p->snapshot_id.epoch}};
    r.current_leader = {none_or_id(p->current_leader.leader_id), epoch_id{p->current_leader.leader_epoch}};
    r.size = p->size;
    r.position = p->position;
    r.unaligned_records = p->unaligned_records;
    return message{std::move(r)};
}

protocol::vote_response vote_error(error_code c) { return error_only<protocol::vote_response>(c); }
protocol::begin_quorum_epoch_response begin_quorum_epoch_error(error_code c) {
    return error_only<protocol::begin_quorum_epoch_response>(c);
}
protocol::end_quorum_epoch_response end_quorum_epoch_error(error_code c) {
    return error_only<protocol::end_quorum_epoch_response>(c);
}
protocol::fetch_response fetch_error(error_code c) { return error_only<protocol::fetch_response>(c); }
protocol::fetch_snapshot_response fetch_snapshot_error(error_code c) {
    return error_only<protocol::fetch_snapshot_response>(c);
}

}  // namespace sluice::raft::wire
