// Replacing a small file so that a crash leaves the old or the new content, never a torn one: write a temp
// file, fsync it, rename it over the target, fsync the directory. Used for quorum-state and snapshots.
#pragma once
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "engine/common/result.h"

namespace sluice::raft {

result<void> write_file_atomically(const std::filesystem::path& file, std::span<const uint8_t> content);
result<std::vector<uint8_t>> read_whole_file(const std::filesystem::path& file);

}  // namespace sluice::raft
