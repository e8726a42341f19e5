#include "engine/metadata/metadata_snapshot.h"

#include <array>

#include "engine/metadata/acl_record.h"
#include "engine/metadata/client_quotas.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/record_batch.h"
#include "engine/protocol/wire.h"

namespace sluice::metadata {

namespace {

using protocol::error_code;
using records = std::vector<metadata_record>;

// Kafka's ControlRecordType ids for the frame of a snapshot; a control record's key is {version 0, type}.
constexpr int16_t snapshot_header_type = 3;
constexpr int16_t snapshot_footer_type = 4;
// Records per data batch: small batches keep a reader's memory bounded, as KRaft's 8 KiB batches do.
constexpr std::size_t records_per_batch = 256;

// One part of the image and the records that recreate it. The table below lists every part the image keeps;
// its order is the apply path's (a topic's record comes before its partitions and overrides).
using section = void (*)(const metadata_image&, records&);

void brokers(const metadata_image& image, records& out) {
    for (const auto& [id, b] : image.brokers()) {
        out.push_back(register_broker_record{id, b.host, b.port, b.rack, b.endpoints});
        if (b.fenced) out.push_back(fence_broker_record{id});
    }
}

void broker_configs(const metadata_image& image, records& out) {
    for (const auto& [resource, configs] : image.broker_configs())
        for (const auto& [name, value] : configs)
            out.push_back(config_record{protocol::resource_type_broker, resource, name, value});
}

void topics(const metadata_image& image, records& out) {
    for (const auto& [name, t] : image.topics()) {
        out.push_back(topic_record{name, t.id});
        for (const auto& [index, p] : t.partitions)
            out.push_back(partition_record{index, t.id, p.replicas, p.isr, p.leader, p.leader_epoch, p.partition_epoch,
                                           p.adding_replicas, p.removing_replicas});
        for (const auto& [key, value] : t.configs)
            out.push_back(config_record{protocol::resource_type_topic, name, key, value});
    }
}

void scram_users(const metadata_image& image, records& out) {
    for (const auto& [name, mechanisms] : image.scram_users())
        for (const auto& [mechanism, c] : mechanisms)
            out.push_back(
                user_scram_credential_record{name, mechanism, c.salt, c.stored_key, c.server_key, c.iterations});
}

void producer_ids(const metadata_image& image, records& out) {
    // The broker it went to does not matter any more; what is taken does.
    if (image.next_producer_id() > 0) out.push_back(producer_ids_record{-1, -1, image.next_producer_id()});
}

void acls(const metadata_image& image, records& out) {
    for (const auto& [id, binding] : image.acls()) out.push_back(acl_record_of(uuid{id}, binding));
}

void client_quotas(const metadata_image& image, records& out) {
    for (const auto& [entity, quotas] : image.client_quotas())
        for (const auto& [key, value] : quotas) out.push_back(client_quota_record_of(entity, key, value));
}

constexpr std::array<section, 7> sections{brokers,      broker_configs, topics,       scram_users,
                                          producer_ids, acls,           client_quotas};

std::vector<uint8_t> control_key(int16_t type) {
    std::vector<uint8_t> key;
    protocol::wire_writer w(key);
    w.write_int16(0);
    w.write_int16(type);
    return key;
}

result<void> append_batch(std::vector<uint8_t>& out, int64_t base_offset, std::vector<protocol::record> batch_records,
                          bool control) {
    for (std::size_t i = 0; i < batch_records.size(); ++i)
        batch_records[i].offset = base_offset + static_cast<int64_t>(i);
    protocol::batch_build_options opts;
    opts.base_offset = base_offset;
    opts.control = control;
    auto batch = protocol::build_batch(opts, batch_records);
    if (!batch) return batch.err();
    out.insert(out.end(), batch->begin(), batch->end());
    return {};
}

protocol::record control_record(int16_t type, std::vector<uint8_t> value, int64_t timestamp) {
    protocol::record r;
    r.timestamp = timestamp;
    r.key = control_key(type);
    r.value = std::move(value);
    return r;
}

error corrupt(const std::string& why) {
    return make_error(error_code::corrupt_message, "corrupt metadata snapshot: " + why);
}

// The control record type of a one-record control batch, or nullopt if the batch is not one.
std::optional<int16_t> control_type(const protocol::batch_view& batch) {
    if (!batch.header.is_control()) return std::nullopt;
    auto decoded = protocol::decode_records(batch);
    if (!decoded || decoded->size() != 1 || !decoded->front().key || decoded->front().key->size() < 4)
        return std::nullopt;
    protocol::wire_reader r(*decoded->front().key);
    r.read_int16();
    return r.read_int16();
}

}  // namespace

std::vector<metadata_record> image_records(const metadata_image& image) {
    records out;
    for (auto emit : sections) emit(image, out);
    return out;
}

std::vector<uint8_t> encode_snapshot(const metadata_image& image, int64_t last_contained_timestamp_ms) {
    std::vector<uint8_t> out;
    int64_t offset = 0;
    // SnapshotHeaderRecord: Version, LastContainedLogTimestamp. SnapshotFooterRecord: Version.
    std::vector<uint8_t> header_value, footer_value;
    protocol::wire_writer header(header_value), footer(footer_value);
    header.write_int16(0);
    header.write_int64(last_contained_timestamp_ms);
    footer.write_int16(0);

    // build_batch fails only on offsets out of order or codec errors, neither of which can happen here.
    (void)append_batch(out, offset++, {control_record(snapshot_header_type, header_value, last_contained_timestamp_ms)},
                       true);
    auto all = image_records(image);
    for (std::size_t i = 0; i < all.size(); i += records_per_batch) {
        std::vector<protocol::record> batch;
        for (std::size_t j = i; j < std::min(all.size(), i + records_per_batch); ++j) {
            auto& r = batch.emplace_back();
            r.timestamp = last_contained_timestamp_ms;
            r.value = encode_record(all[j]);
        }
        auto n = static_cast<int64_t>(batch.size());
        (void)append_batch(out, offset, std::move(batch), false);
        offset += n;
    }
    (void)append_batch(out, offset, {control_record(snapshot_footer_type, footer_value, last_contained_timestamp_ms)},
                       true);
    return out;
}

result<std::vector<metadata_record>> decode_snapshot(std::span<const uint8_t> data) {
    auto batches = protocol::split_batches(data, false);
    if (!batches) return corrupt(batches.err().message);
    if (batches->size() < 2) return corrupt("it holds " + std::to_string(batches->size()) + " record batches");
    records out;
    for (std::size_t i = 0; i < batches->size(); ++i) {
        const auto& batch = (*batches)[i];
        if (auto valid = protocol::validate_batch_for_append(batch); !valid)
            return corrupt("batch at offset " + std::to_string(batch.header.base_offset) + ": " + valid.err().message);
        bool first = i == 0, last = i + 1 == batches->size();
        if (first || last) {
            auto expected = first ? snapshot_header_type : snapshot_footer_type;
            if (control_type(batch) != expected)
                return corrupt(std::string("no snapshot ") + (first ? "header" : "footer") + " batch");
            continue;
        }
        if (batch.header.is_control()) return corrupt("a control batch inside the snapshot");
        auto decoded = protocol::decode_records(batch);
        if (!decoded) return corrupt(decoded.err().message);
        for (const auto& r : *decoded) {
            if (!r.value) return corrupt("a record without a value at offset " + std::to_string(r.offset));
            auto record = decode_record(*r.value);
            if (!record) return corrupt(record.err().message);
            out.push_back(std::move(record.value()));
        }
    }
    return out;
}

}  // namespace sluice::metadata
