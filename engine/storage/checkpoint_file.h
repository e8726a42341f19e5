// A small checkpoint file (leader-epoch-checkpoint, log-start-offset, the cleaner's position) replaced so that
// a crash leaves the old or the new content, never a torn one: `name`.tmp is written and fsynced, renamed
// over `name`, and the directory fsynced. write_now does that on the caller's thread; write_later lets a
// background_flusher do it, so a network thread never waits for the disk. Writes of one file are serialised,
// and a background write takes the latest content when it runs: an older content never lands after a newer
// one, whichever way each was written. Shared (shared_ptr) between its owner and the flusher's queued jobs.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "engine/common/result.h"

namespace sluice::storage {

class background_flusher;

class checkpoint_file : public std::enable_shared_from_this<checkpoint_file> {
public:
    explicit checkpoint_file(std::filesystem::path file) : file_(std::move(file)) {}

    result<void> write_now(std::string content);
    // Queues the write on `flusher` (written now when it is null). The directory is opened here: a queued write
    // whose directory was deleted meanwhile (a partition removed) fails quietly instead of writing into a new
    // directory of the same name.
    result<void> write_later(std::string content, background_flusher* flusher);
    const std::filesystem::path& path() const { return file_; }

private:
    struct directory;
    void write_pending(const std::shared_ptr<directory>& dir);
    result<void> write_locked(const directory& dir, const std::string& content);

    std::filesystem::path file_;
    std::mutex mutex_;      // serialises writes of this file; guards the members below
    uint64_t given_ = 0;    // how many contents were handed in
    uint64_t written_ = 0;  // which of them is on disk
    std::string pending_;   // the latest content, while given_ > written_
};

}  // namespace sluice::storage
