// Files that hold secrets (keys, passwords, client settings): written whole or not at all (a temp file in
// the same directory, fsynced, renamed over the target), owner-only (0600) unless said otherwise, and never
// through a symlink — a link planted where a key goes would otherwise let someone else choose where it lands.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/common/result.h"

namespace sluice::security {

inline constexpr mode_t owner_only = 0600;
inline constexpr mode_t world_readable = 0644;  // public material: a CA certificate

// Replaces `file` with `content` at `mode`. Refuses a `file` that is a symlink or not a regular file.
result<void> write_private_file(const std::filesystem::path& file, std::string_view content, mode_t mode = owner_only);
// The content of `file`, nullopt when it does not exist. Refuses a symlink, like the writer.
result<std::optional<std::string>> read_private_file(const std::filesystem::path& file);
// Makes `dir` (and its parents) if missing, owner-only when made here; an error when it is not a directory.
result<void> make_private_directory(const std::filesystem::path& dir);

}  // namespace sluice::security
