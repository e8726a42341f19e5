#include "engine/metadata/metadata_log.h"

#include "engine/protocol/record_batch.h"

namespace sluice::metadata {

result<std::unique_ptr<metadata_log>> metadata_log::open(const std::filesystem::path& data_dir, int64_t now_ms) {
    storage::log_config cfg;
    cfg.segment_bytes = 64 * 1024 * 1024;
    cfg.retention_ms = -1;  // the metadata log is never trimmed by retention (snapshots would do that)
    cfg.retention_bytes = -1;
    auto log = storage::partition_log::open(data_dir / std::string(metadata_log_dir_name), cfg, now_ms);
    if (!log) return log.err();
    return std::unique_ptr<metadata_log>(new metadata_log(std::move(log.value())));
}

result<void> metadata_log::replay(const std::function<void(const metadata_record&)>& apply) const {
    int64_t offset = log_->log_start_offset();
    while (offset < log_->log_end_offset()) {
        auto slice = log_->read(offset, 1 << 20);
        if (!slice) return slice.err();
        auto batches = protocol::split_batches(slice->bytes, false);
        if (!batches) return batches.err();
        if (batches->empty()) break;
        for (const auto& batch : *batches) {
            auto records = protocol::decode_records(batch);
            if (!records) return records.err();
            for (const auto& r : *records) {
                if (!r.value) continue;
                auto decoded = decode_record(*r.value);
                if (!decoded) return decoded.err();
                apply(decoded.value());
            }
            offset = batch.header.base_offset + batch.header.last_offset_delta + 1;
        }
    }
    return {};
}

result<int64_t> metadata_log::append(std::span<const metadata_record> records, int64_t now_ms) {
    std::vector<protocol::record> batch_records;
    batch_records.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        protocol::record r;
        r.offset = static_cast<int64_t>(i);
        r.timestamp = now_ms;
        r.value = encode_record(records[i]);
        batch_records.push_back(std::move(r));
    }
    auto batch = protocol::build_batch({}, batch_records);
    if (!batch) return batch.err();
    auto appended = log_->append(batch.value(), 0, now_ms);
    if (!appended) return appended.err();
    if (auto flushed = log_->flush(); !flushed) return flushed.err();
    return appended->base_offset;
}

}  // namespace sluice::metadata
