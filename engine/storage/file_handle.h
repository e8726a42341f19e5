// An owned POSIX file descriptor: the storage layer's one way to touch file bytes, so every I/O failure
// becomes a result (kafka_storage_error) instead of an errno someone forgets to check.
#pragma once
#include <cstdint>
#include <filesystem>
#include <span>

#include "engine/common/result.h"

namespace sluice::storage {

class file_handle {
public:
    file_handle() = default;
    ~file_handle();
    file_handle(file_handle&& other) noexcept;
    file_handle& operator=(file_handle&& other) noexcept;
    file_handle(const file_handle&) = delete;
    file_handle& operator=(const file_handle&) = delete;

    // Opens `path` read-write, creating it when absent; `truncate` empties an existing file.
    static result<file_handle> open(const std::filesystem::path& path, bool truncate = false);
    // Opens an existing file read-only (never creates it): the cleaner's own view of a segment.
    static result<file_handle> open_read_only(const std::filesystem::path& path);
    // Opens a directory read-only, only so that it can be fsynced after entries were created or renamed.
    static result<file_handle> open_directory(const std::filesystem::path& path);

    bool is_open() const { return fd_ >= 0; }
    const std::filesystem::path& path() const { return path_; }

    // Writes all of `bytes` at `position` (retrying short writes and EINTR).
    result<void> write_at(std::span<const uint8_t> bytes, int64_t position);
    // Fills all of `out` from `position`; reaching end of file first is an error.
    result<void> read_at(std::span<uint8_t> out, int64_t position) const;
    result<int64_t> size() const;
    // Last modification time in milliseconds since the epoch: retention's fallback when batches carry no time.
    result<int64_t> modified_ms() const;
    // Sets the modification time (the compactor records when a segment was first cleaned there, as Kafka does).
    result<void> set_modified_ms(int64_t ms);
    result<void> truncate(int64_t size);
    result<void> sync();
    // Another descriptor of the same open file (dup): fsyncing it makes this file's data durable, and it stays
    // valid after this handle closes or the file is unlinked, so another thread may fsync it safely.
    result<file_handle> duplicate() const;
    void close();

private:
    file_handle(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
    error io_error(const char* what) const;

    int fd_ = -1;
    std::filesystem::path path_;
};

}  // namespace sluice::storage
