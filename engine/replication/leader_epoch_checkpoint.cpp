#include "engine/replication/leader_epoch_checkpoint.h"

#include <charconv>
#include <fstream>
#include <iterator>
#include <cstdint>
#include <system_error>

#include "engine/storage/file_handle.h"

namespace sluice::replication {
namespace {

constexpr int64_t checkpoint_version = 0;

error corrupt(std::string why) {
    return make_error(protocol::error_code::kafka_storage_error, "corrupt leader epoch checkpoint: " + why);
}

// Splits at '\n'; a final newline does not start another line.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        auto nl = text.find('\n');
        if (nl == std::string_view::npos) {
            lines.push_back(text);
            break;
        }
        lines.push_back(text.substr(0, nl));
        text.remove_prefix(nl + 1);
    }
    return lines;
}

bool parse_int(std::string_view s, int64_t& out) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// "epoch offset", separated by blanks as Kafka's reader accepts (it splits on \s+).
bool parse_entry(std::string_view line, epoch_entry& out) {
    std::size_t i = 0;
    while (i < line.size() && !is_blank(line[i])) ++i;
    std::size_t j = i;
    while (j < line.size() && is_blank(line[j])) ++j;
    if (i == 0 || j == i || j == line.size()) return false;
    int64_t epoch = 0, start = 0;
    if (!parse_int(line.substr(0, i), epoch) || !parse_int(line.substr(j), start)) return false;
    if (epoch < 0 || epoch > INT32_MAX || start < 0) return false;
    out = epoch_entry{leader_epoch{static_cast<int32_t>(epoch)}, offset{start}};
    return true;
}

}  // namespace

std::string format_leader_epoch_checkpoint(const std::vector<epoch_entry>& entries) {
    std::string text = std::to_string(checkpoint_version) + "\n" + std::to_string(entries.size()) + "\n";
    for (const auto& e : entries)
        text += std::to_string(e.epoch.value()) + " " + std::to_string(e.start_offset.value()) + "\n";
    return text;
}

result<std::vector<epoch_entry>> parse_leader_epoch_checkpoint(std::string_view text) {
    const auto lines = split_lines(text);
    if (lines.size() < 2) return corrupt("missing version or count line");
    int64_t version = 0, count = 0;
    if (!parse_int(lines[0], version) || version != checkpoint_version)
        return corrupt("unsupported version line '" + std::string(lines[0]) + "'");
    if (!parse_int(lines[1], count) || count < 0) return corrupt("bad count line '" + std::string(lines[1]) + "'");
    if (static_cast<std::size_t>(count) != lines.size() - 2)
        return corrupt("count " + std::to_string(count) + " but " + std::to_string(lines.size() - 2) + " entries");
    std::vector<epoch_entry> entries;
    entries.reserve(lines.size() - 2);
    for (std::size_t i = 2; i < lines.size(); ++i) {
        epoch_entry e;
        if (!parse_entry(lines[i], e)) return corrupt("malformed line '" + std::string(lines[i]) + "'");
        // We only ever write monotonic lists; anything else was not written by us (or not intact).
        if (!entries.empty() && (e.epoch <= entries.back().epoch || e.start_offset <= entries.back().start_offset))
            return corrupt("entries not increasing at '" + std::string(lines[i]) + "'");
        entries.push_back(e);
    }
    return entries;
}

result<std::vector<epoch_entry>> read_leader_epoch_checkpoint(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec) && !ec) return std::vector<epoch_entry>{};
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error(protocol::error_code::kafka_storage_error, "cannot read " + file.string());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return make_error(protocol::error_code::kafka_storage_error, "cannot read " + file.string());
    auto parsed = parse_leader_epoch_checkpoint(text);
    if (!parsed) return make_error(parsed.err().code, parsed.err().message + " in " + file.string());
    return parsed;
}

result<void> write_leader_epoch_checkpoint(const std::filesystem::path& file,
                                           const std::vector<epoch_entry>& entries) {
    auto tmp = file;
    tmp += ".tmp";
    const std::string text = format_leader_epoch_checkpoint(entries);
    {
        auto f = storage::file_handle::open(tmp, true);
        if (!f) return f.err();
        if (auto r = f->write_at(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), 0); !r)
            return r;
        if (auto r = f->sync(); !r) return r;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec)
        return make_error(protocol::error_code::kafka_storage_error,
                          "cannot replace " + file.string() + ": " + ec.message());
    auto d = storage::file_handle::open_directory(file.parent_path());
    if (!d) return d.err();
    return d->sync();
}

}  // namespace sluice::replication
