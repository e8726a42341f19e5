// The metadata log as single-node Sluice wrote it before the Raft quorum: metadata_records in record batches
// on a partition_log directly in `<data-dir>/__cluster_metadata-0`. The node now keeps the raft log there
// (engine/raft/persistent_log, under log/) and reads this format only to convert an old data dir.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <span>

#include "engine/metadata/metadata_records.h"
#include "engine/storage/partition_log.h"

namespace sluice::metadata {

inline constexpr std::string_view metadata_log_dir_name = "__cluster_metadata-0";

class metadata_log {
public:
    // Opens (recovering a torn tail) or creates the log in `data_dir`/__cluster_metadata-0.
    static result<std::unique_ptr<metadata_log>> open(const std::filesystem::path& data_dir, int64_t now_ms);

    // Calls `apply` for every record from the start, in order. Fails on a record it cannot decode.
    result<void> replay(const std::function<void(const metadata_record&)>& apply) const;
    // Appends the records as one batch and fsyncs it; returns the batch's base offset.
    result<int64_t> append(std::span<const metadata_record> records, int64_t now_ms);

    int64_t end_offset() const { return log_->log_end_offset(); }

private:
    explicit metadata_log(std::unique_ptr<storage::partition_log> log) : log_(std::move(log)) {}
    std::unique_ptr<storage::partition_log> log_;
};

}  // namespace sluice::metadata
