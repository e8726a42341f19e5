// __consumer_offsets as the group coordinator sees it: its partition count and leaders from the metadata
// image, created through the controller (replication factor offsets.topic.replication.factor, at most the
// live brokers), appended to through this node's partition leader and waited on until the ISR has it
// (acks=all), replayed from this node's log when it starts leading a partition.
#pragma once
#include "engine/broker/log_manager.h"
#include "engine/group/offsets_backend.h"

namespace sluice::broker {

class offsets_topic final : public group::offsets_backend {
public:
    offsets_topic(asio::io_context& io, log_manager& logs, metadata::controller& controller, int16_t replication_factor)
        : io_(io), logs_(logs), controller_(controller), replication_factor_(replication_factor) {}

    int32_t partition_count() const override;
    result<int32_t> ensure_topic(int32_t partitions) override;
    std::optional<int32_t> led_epoch(int32_t partition) const override;
    result<void> append(int32_t partition, std::span<const protocol::record> records) override;
    awaitable<result<void>> wait_committed(int32_t partition, int64_t timeout_ms) override;
    result<void> replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) override;
    bool partition_exists(const std::string& topic, int32_t partition) const override;

private:
    asio::io_context& io_;
    log_manager& logs_;
    metadata::controller& controller_;
    int16_t replication_factor_;
};

}  // namespace sluice::broker
