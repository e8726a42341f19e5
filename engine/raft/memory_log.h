// raft_log held in memory: the reference implementation the Raft tests run against.
#pragma once
#include <deque>

#include "engine/raft/raft_log.h"

namespace sluice::raft {

class memory_log final : public raft_log {
public:
    log_offset start_offset() const override { return start_; }
    log_offset end_offset() const override { return start_ + static_cast<int64_t>(entries_.size()); }
    epoch_id last_epoch() const override;
    std::optional<epoch_id> epoch_at(log_offset offset) const override;
    result<void> append(std::span<const log_entry> entries) override;
    result<void> truncate_to(log_offset offset) override;
    std::optional<offset_and_epoch> end_offset_for_epoch(epoch_id epoch) const override;
    std::vector<log_entry> read(log_offset from, std::size_t max_entries, std::size_t max_bytes) const override;
    std::optional<offset_and_epoch> latest_snapshot() const override { return snapshot_id_; }
    result<void> create_snapshot(offset_and_epoch id, bytes state) override;
    result<bytes> read_snapshot(offset_and_epoch id) const override;
    result<void> install_snapshot(offset_and_epoch id, bytes state) override;

private:
    log_offset start_{0};
    std::deque<log_entry> entries_;
    std::optional<offset_and_epoch> snapshot_id_;
    bytes snapshot_;
};

}  // namespace sluice::raft
