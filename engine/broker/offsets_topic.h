// __consumer_offsets as the group coordinator sees it, over this node's log manager: created on demand,
// appended to through the partition leader (single replica: committed once in the log), replayed on start.
#pragma once
#include "engine/broker/log_manager.h"
#include "engine/group/offsets_backend.h"

namespace sluice::broker {

class offsets_topic final : public group::offsets_backend {
public:
    explicit offsets_topic(log_manager& logs) : logs_(logs) {}

    int32_t partition_count() const override;
    result<int32_t> ensure_topic(int32_t partitions) override;
    result<void> append(int32_t partition, std::span<const protocol::record> records) override;
    result<void> replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) override;
    bool partition_exists(const std::string& topic, int32_t partition) const override;

private:
    log_manager& logs_;
};

}  // namespace sluice::broker
