#include "engine/storage/segment_files.h"

#include <cstdio>
#include <limits>
#include <string>

namespace sluice::storage {

std::filesystem::path segment_file(const std::filesystem::path& dir, int64_t base_offset, std::string_view suffix) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(base_offset));
    std::string name(digits);
    name += suffix;
    return dir / name;
}

std::optional<int64_t> parse_segment_base(const std::filesystem::path& file, std::string_view suffix) {
    const std::string name = file.filename().string();
    constexpr std::size_t digits = 20;
    if (name.size() != digits + suffix.size() || name.compare(digits, suffix.size(), suffix) != 0) return std::nullopt;
    int64_t value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = name[i];
        if (c < '0' || c > '9') return std::nullopt;
        if (value > (std::numeric_limits<int64_t>::max() - (c - '0')) / 10) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace sluice::storage
