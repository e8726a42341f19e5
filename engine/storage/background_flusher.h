// fsyncs off the caller's thread. A network (io) thread that rolls a segment must not wait for the kernel to
// write a gigabyte of dirty pages: a slow disk would stall every connection of the node and its Raft and
// heartbeat traffic with it. It hands the files to this thread instead, as Kafka's log flusher does.
//
// Small checkpoint files (leader-epoch, log start, cleaner position) are replaced here too (run_later with
// a checkpoint_file's write): one FIFO thread, so jobs touching one file run in the order they were queued.
//
// Files come as duplicated descriptors (file_handle::duplicate), so a segment deleted or closed meanwhile
// is still safe to fsync. Crash safety is Kafka's: an acknowledged record is safe because every ISR member has
// it (replication), not because it reached one disk; a rolled segment is durable a moment after the roll.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/storage/file_handle.h"

namespace sluice::storage {

class background_flusher {
public:
    background_flusher();
    ~background_flusher();  // fsyncs what is queued, then stops
    background_flusher(const background_flusher&) = delete;
    background_flusher& operator=(const background_flusher&) = delete;

    // Queues `files` (one job: fsynced in order, then closed). Never blocks on the disk.
    void sync_later(std::vector<file_handle> files);
    // Queues `task` (one job, run on the flusher's thread after every job queued before it). It must not throw.
    void run_later(std::function<void()> task);
    // Waits until everything queued before this call is fsynced: a clean shutdown, tests.
    void drain();
    // Jobs finished and fsyncs that failed (each failure is also logged with the file's path).
    uint64_t completed() const;
    uint64_t failures() const;

private:
    void run();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    struct job {
        std::vector<file_handle> files;
        std::function<void()> task;
    };
    std::deque<job> queue_;
    bool busy_ = false;
    bool stopping_ = false;
    uint64_t queued_ = 0;
    uint64_t completed_ = 0;
    uint64_t failures_ = 0;
    std::thread thread_;  // last: starts after every member above exists
};

}  // namespace sluice::storage
