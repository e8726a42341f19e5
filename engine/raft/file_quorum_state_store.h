// quorum_state_store as a Kafka-like `quorum-state` JSON file, replaced atomically (temp file, fsync, rename,
// fsync of the directory) so a crash leaves either the old or the new state, never a torn one.
#pragma once
#include <filesystem>
#include <vector>

#include "engine/raft/quorum_state_store.h"

namespace sluice::raft {

class file_quorum_state_store final : public quorum_state_store {
public:
    // `voters` is written as Kafka's currentVoters for operators reading the file; it is not read back.
    file_quorum_state_store(std::filesystem::path file, std::vector<node_id> voters)
        : file_(std::move(file)), voters_(std::move(voters)) {}
    result<std::optional<quorum_state>> read() override;
    result<void> write(const quorum_state& state) override;
    const std::filesystem::path& path() const { return file_; }

private:
    std::filesystem::path file_;
    std::vector<node_id> voters_;
};

}  // namespace sluice::raft
