// A raft_log (memory_log unless told otherwise) that remembers, between two looks, how far it was
// truncated and whether a snapshot replaced it, so the invariant checker can re-verify only what changed.
#pragma once
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include "engine/raft/memory_log.h"

namespace sluice::raft::test {

class tracked_log final : public raft_log {
public:
    using opener = std::function<std::unique_ptr<raft_log>()>;
    tracked_log() : log_(std::make_unique<memory_log>()) {}
    // A log that a restart reopens (a persistent_log): `open` is called now and by reopen().
    explicit tracked_log(opener open) : open_(std::move(open)), log_(open_()) {}
    // What a process restart does to the log: nothing in memory, close and recover on disk.
    void reopen() {
        if (!open_) return;
        log_.reset();
        log_ = open_();
    }

    log_offset start_offset() const override { return log_->start_offset(); }
    log_offset end_offset() const override { return log_->end_offset(); }
    epoch_id last_epoch() const override { return log_->last_epoch(); }
    std::optional<epoch_id> epoch_at(log_offset o) const override { return log_->epoch_at(o); }
    result<void> append(std::span<const log_entry> e) override { return log_->append(e); }
    result<void> truncate_to(log_offset o) override {
        if (o < log_->end_offset()) {
            lowest_truncation = lowest_truncation ? std::min(*lowest_truncation, o) : o;
            ++truncations;
        }
        return log_->truncate_to(o);
    }
    std::optional<offset_and_epoch> end_offset_for_epoch(epoch_id e) const override { return log_->end_offset_for_epoch(e); }
    std::vector<log_entry> read(log_offset f, std::size_t n, std::size_t b) const override { return log_->read(f, n, b); }
    std::optional<offset_and_epoch> latest_snapshot() const override { return log_->latest_snapshot(); }
    result<void> create_snapshot(offset_and_epoch id, bytes s) override { return log_->create_snapshot(id, std::move(s)); }
    result<bytes> read_snapshot(offset_and_epoch id) const override { return log_->read_snapshot(id); }
    result<void> install_snapshot(offset_and_epoch id, bytes s) override {
        installed = id;
        ++installs;
        // An install replaces everything: earlier truncations no longer matter to the checker.
        lowest_truncation.reset();
        return log_->install_snapshot(id, std::move(s));
    }

    // Since the checker's last look (it resets them).
    std::optional<log_offset> lowest_truncation;
    std::optional<offset_and_epoch> installed;
    // Totals, for the tests to see that a schedule really exercised truncation and installs.
    int truncations = 0;
    int installs = 0;

private:
    opener open_;
    std::unique_ptr<raft_log> log_;
};

}  // namespace sluice::raft::test
