// A small file beside a partition's segments that persists one offset as decimal text (the log start offset,
// the cleaner's position), replaced atomically so a crash leaves the old value or the new one.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>

#include "engine/common/result.h"

namespace sluice::storage {

// nullopt when the file is absent or does not hold a non-negative number.
std::optional<int64_t> read_offset_checkpoint(const std::filesystem::path& file);
// Writes `file`.tmp, fsyncs it, renames it over `file`, fsyncs the directory.
result<void> write_offset_checkpoint(const std::filesystem::path& file, int64_t offset);
// The temporary file a crash may leave behind (`file` + ".tmp"); partition_log::open removes it.
std::filesystem::path offset_checkpoint_tmp(const std::filesystem::path& file);

}  // namespace sluice::storage
