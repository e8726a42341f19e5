#include "engine/storage/producer_state.h"

#include <string>

#include "engine/protocol/crc32c.h"
#include "engine/protocol/wire.h"

namespace sluice::storage {

namespace {
using protocol::error_code;

constexpr int16_t snapshot_version = 1;
constexpr std::size_t snapshot_header_bytes = 2 + 4;  // version, crc
constexpr std::size_t entry_min_bytes = 8 + 2 + 4;    // id, epoch, batch count
constexpr std::size_t batch_bytes = 4 + 4 + 8 + 8 + 8;

producer_batch batch_of(const protocol::batch_header& h) {
    const sequence first(h.base_sequence);
    return {first, advance(first, h.last_offset_delta), h.base_offset, h.last_offset(), h.max_timestamp};
}

std::string describe(const protocol::batch_header& h) {
    return "producer " + std::to_string(h.producer_id) + " (epoch " + std::to_string(h.producer_epoch) + ", sequence " +
           std::to_string(h.base_sequence) + ")";
}
}  // namespace

const producer_entry* producer_state::find(producer_id id) const {
    auto it = producers_.find(id);
    return it == producers_.end() ? nullptr : &it->second;
}

result<std::optional<producer_batch>> producer_state::check(const protocol::batch_header& h) const {
    if (h.producer_id < 0) return std::optional<producer_batch>{};
    if (h.base_sequence < 0 || h.producer_epoch < 0)
        return make_error(error_code::invalid_record, "batch of " + describe(h) + " has no sequence or epoch");
    const producer_epoch epoch(h.producer_epoch);
    const producer_batch incoming = batch_of(h);
    const producer_entry* entry = find(producer_id(h.producer_id));
    // A producer we know nothing of (new, expired, or its records all deleted): Kafka accepts any sequence
    // since KIP-360 rather than answering UNKNOWN_PRODUCER_ID, which made clients reset and resend.
    if (!entry || entry->epoch == no_producer_epoch) return std::optional<producer_batch>{};
    // A retry of one of the last five batches (same epoch, same sequence range) gets its original offsets.
    if (epoch == entry->epoch)
        for (const auto& b : entry->batches)
            if (b.first_seq == incoming.first_seq && b.last_seq == incoming.last_seq)
                return std::optional<producer_batch>{b};
    // Kafka has answered INVALID_PRODUCER_EPOCH here since 2.7 (PRODUCER_FENCED is InitProducerId's, for
    // transactional ids), so that a client can tell an old epoch's batch from being fenced for good.
    if (epoch < entry->epoch)
        return make_error(
            error_code::invalid_producer_epoch,
            "batch of " + describe(h) + " is older than the producer's epoch " + std::to_string(entry->epoch.value()));
    if (epoch > entry->epoch) {
        if (incoming.first_seq != sequence(0))
            return make_error(error_code::out_of_order_sequence_number,
                              "the first batch of a new epoch must start at sequence 0: " + describe(h));
        return std::optional<producer_batch>{};
    }
    const sequence last = entry->batches.empty() ? no_sequence : entry->batches.back().last_seq;
    if (!follows(last, incoming.first_seq))
        return make_error(error_code::out_of_order_sequence_number, "out of order sequence number for " + describe(h) +
                                                                        ": the last one appended is " +
                                                                        std::to_string(last.value()));
    return std::optional<producer_batch>{};
}

void producer_state::update(const protocol::batch_header& h) {
    if (h.producer_id < 0 || h.base_sequence < 0 || h.is_control()) return;
    producer_entry& entry = producers_[producer_id(h.producer_id)];
    const producer_epoch epoch(h.producer_epoch);
    if (epoch != entry.epoch) {
        // A new epoch starts its sequences afresh: the old epoch's batches can no longer be retried.
        entry.epoch = epoch;
        entry.batches.clear();
    }
    entry.batches.push_back(batch_of(h));
    while (entry.batches.size() > producer_batches_retained) entry.batches.pop_front();
}

std::size_t producer_state::expire(int64_t now_ms, int64_t expiration_ms) {
    return std::erase_if(producers_,
                         [&](const auto& kv) { return now_ms - kv.second.last_timestamp() >= expiration_ms; });
}

std::vector<uint8_t> producer_state::encode() const {
    protocol::bytes body;
    protocol::wire_writer w(body);
    w.write_int32(static_cast<int32_t>(producers_.size()));
    for (const auto& [id, entry] : producers_) {
        w.write_int64(id.value());
        w.write_int16(entry.epoch.value());
        w.write_int32(static_cast<int32_t>(entry.batches.size()));
        for (const auto& b : entry.batches) {
            w.write_int32(b.first_seq.value());
            w.write_int32(b.last_seq.value());
            w.write_int64(b.first_offset);
            w.write_int64(b.last_offset);
            w.write_int64(b.timestamp);
        }
    }
    protocol::bytes out;
    protocol::wire_writer header(out);
    header.write_int16(snapshot_version);
    header.write_uint32(protocol::crc32c(body));
    header.write_raw(body);
    return out;
}

result<producer_state> producer_state::decode(std::span<const uint8_t> bytes) {
    auto corrupt = [](const std::string& why) {
        return make_error(error_code::corrupt_message, "producer state snapshot: " + why);
    };
    if (bytes.size() < snapshot_header_bytes) return corrupt("too short");
    protocol::wire_reader header(bytes.first(snapshot_header_bytes));
    const int16_t version = header.read_int16();
    const uint32_t crc = header.read_uint32();
    if (version != snapshot_version) return corrupt("unknown version " + std::to_string(version));
    const auto body = bytes.subspan(snapshot_header_bytes);
    if (protocol::crc32c(body) != crc) return corrupt("CRC mismatch");
    protocol::wire_reader r(body);
    producer_state state;
    const int32_t count = r.read_int32();
    // Counts are checked against the bytes that remain before anything is reserved or looped over.
    if (r.failed() || count < 0 || static_cast<std::size_t>(count) > r.remaining() / entry_min_bytes)
        return corrupt("bad producer count");
    for (int32_t i = 0; i < count; ++i) {
        const producer_id id(r.read_int64());
        producer_entry entry;
        entry.epoch = producer_epoch(r.read_int16());
        const int32_t batches = r.read_int32();
        if (r.failed() || batches < 0 || static_cast<std::size_t>(batches) > producer_batches_retained ||
            static_cast<std::size_t>(batches) > r.remaining() / batch_bytes)
            return corrupt("bad batch count");
        for (int32_t b = 0; b < batches; ++b) {
            producer_batch batch;
            batch.first_seq = sequence(r.read_int32());
            batch.last_seq = sequence(r.read_int32());
            batch.first_offset = r.read_int64();
            batch.last_offset = r.read_int64();
            batch.timestamp = r.read_int64();
            entry.batches.push_back(batch);
        }
        state.producers_[id] = std::move(entry);
    }
    if (r.failed() || r.remaining() != 0) return corrupt("truncated or trailing bytes");
    return state;
}

}  // namespace sluice::storage
