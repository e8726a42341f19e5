// How a segment's files are named, as Kafka does: the base offset in 20 zero-padded digits plus a suffix
// (.log, .index, .timeindex), with .deleted / .cleaned / .swap marking files on their way out or in.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace sluice::storage {

inline constexpr std::string_view log_suffix = ".log";
inline constexpr std::string_view index_suffix = ".index";
inline constexpr std::string_view time_index_suffix = ".timeindex";
inline constexpr std::string_view deleted_suffix = ".deleted";
inline constexpr std::string_view cleaned_suffix = ".cleaned";
inline constexpr std::string_view swap_suffix = ".swap";

// <dir>/<20-digit base offset><suffix>
std::filesystem::path segment_file(const std::filesystem::path& dir, int64_t base_offset, std::string_view suffix);

// The base offset a file name like "00000000000000000042.log" stands for, when it has exactly that shape
// and `suffix`; nullopt otherwise.
std::optional<int64_t> parse_segment_base(const std::filesystem::path& file, std::string_view suffix);

}  // namespace sluice::storage
