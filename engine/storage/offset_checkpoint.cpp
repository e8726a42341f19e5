#include "engine/storage/offset_checkpoint.h"

#include <charconv>
#include <fstream>
#include <string>
#include <system_error>

#include "engine/storage/file_handle.h"

namespace sluice::storage {

std::filesystem::path offset_checkpoint_tmp(const std::filesystem::path& file) {
    auto tmp = file;
    tmp += ".tmp";
    return tmp;
}

std::optional<int64_t> read_offset_checkpoint(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string text;
    if (!in || !std::getline(in, text)) return std::nullopt;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

result<void> write_offset_checkpoint(const std::filesystem::path& file, int64_t offset) {
    const auto tmp = offset_checkpoint_tmp(file);
    const std::string text = std::to_string(offset) + "\n";
    {
        auto f = file_handle::open(tmp, true);
        if (!f) return f.err();
        if (auto r = f->write_at(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), 0); !r)
            return r;
        if (auto r = f->sync(); !r) return r;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot replace " + file.string() + ": " + ec.message());
    }
    auto d = file_handle::open_directory(file.parent_path());
    if (!d) return d.err();
    return d->sync();
}

}  // namespace sluice::storage
