// Replacing a run of segments by one cleaned segment on disk, atomically, the way Kafka does it, and finishing
// a replacement that a crash interrupted, when the partition is opened.
//
// The compactor writes <base>.log.cleaned, .index.cleaned and .timeindex.cleaned and fsyncs them, where <base>
// is the first replaced segment's base offset. Then:
//   1. commit_cleaned(): *.cleaned -> *.swap, the indexes first and the .log last, then fsync the directory.
//      Renaming <base>.log.cleaned to <base>.log.swap is the commit point.
//   2. the replaced segments are deleted (renamed *.deleted, then unlinked);
//   3. finish_swap(): *.swap -> final names, the .log first, then fsync the directory.
// Crash before the commit point: only *.cleaned / index *.swap files exist besides the untouched old segments;
// open deletes them as leftovers and nothing changed. Crash after it: recover_swaps() completes the swap.
#pragma once
#include <cstdint>
#include <filesystem>

#include "engine/common/result.h"

namespace sluice::storage {

result<void> commit_cleaned(const std::filesystem::path& dir, int64_t base_offset);
result<void> finish_swap(const std::filesystem::path& dir, int64_t base_offset);

// For each <base>.log.swap in `dir` (complete: it was fsynced before the commit rename): deletes the .log,
// .index and .timeindex of every segment whose base offset lies in [base, last offset in the swap] — the
// segments it replaces, whatever of them step 2 left — and renames the swap to <base>.log. Index files of a
// swap are not kept: the caller removes *.swap leftovers afterwards and rebuilds the missing indexes.
// A swap that no segment follows (a real one never replaces the active segment) is deleted instead.
// As in Kafka, the replaced range ends at the swap's last offset: replaced segments after it, whose records
// the cleaning removed entirely, survive such a crash with their old, superseded records (harmless: later
// records still win, and the next pass removes them).
result<void> recover_swaps(const std::filesystem::path& dir);

}  // namespace sluice::storage
