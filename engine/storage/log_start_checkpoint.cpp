#include "engine/storage/log_start_checkpoint.h"

#include "engine/storage/offset_checkpoint.h"

namespace sluice::storage {

std::filesystem::path log_start_checkpoint_tmp(const std::filesystem::path& dir) {
    return offset_checkpoint_tmp(dir / log_start_checkpoint_name);
}

std::optional<int64_t> read_log_start_checkpoint(const std::filesystem::path& dir) {
    return read_offset_checkpoint(dir / log_start_checkpoint_name);
}

result<void> write_log_start_checkpoint(const std::filesystem::path& dir, int64_t offset) {
    return write_offset_checkpoint(dir / log_start_checkpoint_name, offset);
}

}  // namespace sluice::storage
