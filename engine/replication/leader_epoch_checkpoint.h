// Kafka's `leader-epoch-checkpoint` file: a version line (0), a count line, then one "epoch start_offset"
// line per entry. Same format as Kafka so that a log directory can be read by either.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/result.h"
#include "engine/replication/types.h"

namespace sluice::replication {

inline constexpr std::string_view leader_epoch_checkpoint_name = "leader-epoch-checkpoint";

// The file's text for `entries`.
std::string format_leader_epoch_checkpoint(const std::vector<epoch_entry>& entries);
// Parses the text strictly: wrong version, a count that disagrees with the lines, malformed numbers,
// negative values or entries that are not strictly increasing in both epoch and offset are errors
// (kafka_storage_error). An empty text is an error too: we never write one, so it means damage, and treating
// it as "no epochs" would make a follower truncate to its high watermark and a leader answer UNDEFINED.
result<std::vector<epoch_entry>> parse_leader_epoch_checkpoint(std::string_view text);

// Reads `file`; an absent file is an empty list (a new partition), anything unreadable is an error.
result<std::vector<epoch_entry>> read_leader_epoch_checkpoint(const std::filesystem::path& file);
// Atomic replace: writes `file`.tmp, fsyncs it, renames it over `file`, fsyncs the directory.
result<void> write_leader_epoch_checkpoint(const std::filesystem::path& file, const std::vector<epoch_entry>& entries);

}  // namespace sluice::replication
