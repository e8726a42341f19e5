#include "engine/storage/log_start_checkpoint.h"

#include <charconv>
#include <fstream>
#include <string>
#include <system_error>

#include "engine/storage/file_handle.h"

namespace sluice::storage {

std::filesystem::path log_start_checkpoint_tmp(const std::filesystem::path& dir) {
    return dir / (std::string(log_start_checkpoint_name) + ".tmp");
}

std::optional<int64_t> read_log_start_checkpoint(const std::filesystem::path& dir) {
    std::ifstream in(dir / log_start_checkpoint_name);
    std::string text;
    if (!in || !std::getline(in, text)) return std::nullopt;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

result<void> write_log_start_checkpoint(const std::filesystem::path& dir, int64_t offset) {
    const auto tmp = log_start_checkpoint_tmp(dir);
    const std::string text = std::to_string(offset) + "\n";
    {
        auto file = file_handle::open(tmp, true);
        if (!file) return file.err();
        if (auto r = file->write_at(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), 0); !r)
            return r;
        if (auto r = file->sync(); !r) return r;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, dir / log_start_checkpoint_name, ec);
    if (ec) {
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot replace " + (dir / log_start_checkpoint_name).string() + ": " + ec.message());
    }
    auto d = file_handle::open_directory(dir);
    if (!d) return d.err();
    return d->sync();
}

}  // namespace sluice::storage
