// raft_log on disk: entries in a partition_log as Kafka record batch v2 (partitionLeaderEpoch = the entries'
// epoch, control entries in control batches, as KRaft's __cluster_metadata log), snapshots beside it as
// `<end offset, 20 digits>-<epoch, 10 digits>.checkpoint` files like KRaft's.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>

#include "engine/raft/raft_log.h"
#include "engine/storage/log_config.h"
#include "engine/storage/partition_log.h"

namespace sluice::raft {

class persistent_log final : public raft_log {
public:
    // Opens or creates `dir` (the log in `dir/log`, snapshots in `dir`). Recovery: the partition_log's own,
    // then the log is made to start at the latest snapshot (a crash during install or trimming may have left
    // older entries), and the epoch index is rebuilt from the batch headers.
    // `fsync_appends`: fsync after every append and truncation (Raft acknowledges what it has appended);
    // tests that only check the format may turn it off.
    static result<std::unique_ptr<persistent_log>> open(std::filesystem::path dir, bool fsync_appends = true,
                                                        storage::log_config cfg = raft_log_config());
    // Kafka's metadata log settings: never deleted by time or size, only trimmed by snapshots.
    static storage::log_config raft_log_config();

    log_offset start_offset() const override { return log_offset{log_->log_start_offset()}; }
    log_offset end_offset() const override { return log_offset{log_->log_end_offset()}; }
    epoch_id last_epoch() const override;
    std::optional<epoch_id> epoch_at(log_offset offset) const override;
    // Consecutive entries of one epoch and kind become one batch; the log is fsynced before returning, so
    // what a follower reports in its next fetch is on disk.
    result<void> append(std::span<const log_entry> entries) override;
    result<void> truncate_to(log_offset offset) override;
    std::optional<offset_and_epoch> end_offset_for_epoch(epoch_id epoch) const override;
    std::vector<log_entry> read(log_offset from, std::size_t max_entries, std::size_t max_bytes) const override;
    std::optional<offset_and_epoch> latest_snapshot() const override { return snapshot_id_; }
    result<void> create_snapshot(offset_and_epoch id, bytes state) override;
    result<bytes> read_snapshot(offset_and_epoch id) const override;
    result<void> install_snapshot(offset_and_epoch id, bytes state) override;

    static std::string snapshot_file_name(offset_and_epoch id);
    // Tests: runs before each fsync of the log, on the appending thread (e.g. to hold it like a slow disk).
    void set_before_sync(std::function<void()> hook) { before_sync_ = std::move(hook); }
    const std::filesystem::path& dir() const { return dir_; }

private:
    persistent_log(std::filesystem::path dir, std::unique_ptr<storage::partition_log> log, bool fsync_appends)
        : dir_(std::move(dir)), log_(std::move(log)), fsync_(fsync_appends) {}
    result<void> sync() {
        if (!fsync_) return {};
        if (before_sync_) before_sync_();
        return log_->flush();
    }
    result<void> recover();
    result<void> write_snapshot(offset_and_epoch id, const bytes& state);
    void remove_snapshots_before(offset_and_epoch id);
    result<void> append_batch(std::span<const log_entry> entries);
    result<std::vector<log_entry>> read_entries(log_offset from, log_offset to) const;

    std::filesystem::path dir_;
    std::unique_ptr<storage::partition_log> log_;
    bool fsync_ = true;
    std::function<void()> before_sync_;
    std::optional<offset_and_epoch> snapshot_id_;
    // Where each epoch starts in the log, ascending (Kafka's leader-epoch cache, rebuilt at open).
    std::vector<std::pair<epoch_id, log_offset>> epochs_;
};

}  // namespace sluice::raft
