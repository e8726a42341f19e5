#include "engine/storage/batch_filter.h"

namespace sluice::storage {

namespace {

constexpr std::size_t last_offset_delta_at = 23;

protocol::batch_build_options same_header_as(const protocol::batch_header& h) {
    protocol::batch_build_options o;
    o.base_offset = h.base_offset;
    o.codec = h.codec();
    o.producer_id = h.producer_id;
    o.producer_epoch = h.producer_epoch;
    o.base_sequence = h.base_sequence;
    o.partition_leader_epoch = h.partition_leader_epoch;
    o.log_append_time = h.log_append_time();
    o.transactional = h.is_transactional();
    o.control = h.is_control();
    if (h.log_append_time()) o.base_timestamp = h.max_timestamp;  // every record takes the batch's append time
    return o;
}

}  // namespace

result<filtered_batch> filter_batch(const protocol::batch_view& batch,
                                    const std::function<bool(const protocol::record&)>& keep, bool retain_if_empty) {
    const auto& h = batch.header;
    filtered_batch out;
    if (h.is_control()) return out;
    auto records = protocol::decode_records(batch);
    if (!records) return records.err();
    std::vector<protocol::record> kept;
    kept.reserve(records->size());
    for (auto& r : *records) {
        if (keep(r)) kept.push_back(std::move(r));
    }
    out.records_removed = static_cast<int32_t>(records->size() - kept.size());
    if (out.records_removed == 0) return out;
    if (kept.empty() && !retain_if_empty) {
        out.what = filtered_batch::outcome::dropped;
        return out;
    }
    auto options = same_header_as(h);
    // Kafka's empty batch header carries the original maxTimestamp as both base and max timestamp.
    if (kept.empty()) options.base_timestamp = h.max_timestamp;
    auto built = protocol::build_batch(options, kept);
    if (!built) return built.err();
    out.bytes = std::move(built).value();
    // Keep the original last offset, so the producer's last sequence (base sequence + last offset delta)
    // and the next offset a consumer fetches stay what they were (Kafka's overrideLastOffset).
    protocol::detail::store_be(out.bytes.data() + last_offset_delta_at, static_cast<uint32_t>(h.last_offset_delta), 4);
    protocol::recompute_crc(out.bytes);
    out.what = filtered_batch::outcome::rebuilt;
    return out;
}

}  // namespace sluice::storage
