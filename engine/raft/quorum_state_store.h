// Where a voter keeps the epoch, its vote and the known leader, so that a restart never votes twice in one
// epoch (Kafka's quorum-state file). write() must be durable before it returns: replies wait on it.
#pragma once
#include <optional>

#include "engine/common/result.h"
#include "engine/raft/types.h"

namespace sluice::raft {

struct quorum_state {
    epoch_id epoch{0};
    std::optional<node_id> voted_for;
    std::optional<node_id> leader_id;
    friend bool operator==(const quorum_state&, const quorum_state&) = default;
};

class quorum_state_store {
public:
    virtual ~quorum_state_store() = default;
    // nullopt when nothing was ever written (a fresh voter).
    virtual result<std::optional<quorum_state>> read() = 0;
    virtual result<void> write(const quorum_state& state) = 0;
};

// Keeps the state in memory; outlives the node object in tests to simulate a restart.
class memory_quorum_state_store final : public quorum_state_store {
public:
    result<std::optional<quorum_state>> read() override { return state_; }
    result<void> write(const quorum_state& state) override {
        state_ = state;
        ++writes_;
        return {};
    }
    int writes() const { return writes_; }

private:
    std::optional<quorum_state> state_;
    int writes_ = 0;
};

}  // namespace sluice::raft
