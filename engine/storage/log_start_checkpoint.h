// The persisted log start offset of a partition. DeleteRecords and retention can raise it above the first
// segment's base offset, and that must survive a restart; the file holds the offset as decimal text.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "engine/common/result.h"

namespace sluice::storage {

inline constexpr std::string_view log_start_checkpoint_name = "log-start-offset";

// nullopt when the file is absent or unreadable as a number (then the first segment's base decides).
std::optional<int64_t> read_log_start_checkpoint(const std::filesystem::path& dir);
// Atomic: writes a temporary file, fsyncs it, renames it over the checkpoint, fsyncs the directory.
result<void> write_log_start_checkpoint(const std::filesystem::path& dir, int64_t offset);
// The temporary file a crash may leave behind; partition_log::open removes it.
std::filesystem::path log_start_checkpoint_tmp(const std::filesystem::path& dir);

}  // namespace sluice::storage
