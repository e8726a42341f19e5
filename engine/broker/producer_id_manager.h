// Hands out producer ids for InitProducerId on the active controller, from blocks the metadata log marks as
// taken (producer_ids_record), so that no id is given twice in the cluster, across controller changes and
// restarts.
//
// Kafka's brokers each ask the controller for a block (AllocateProducerIds) and serve InitProducerId
// themselves. Here InitProducerId is forwarded to the controller (KIP-590, handler_registry) and the
// controller takes its blocks directly from its own metadata log. That is equivalent for uniqueness: a block
// is used only once its record is committed, every later block starts above every committed one, and ids left
// in a block when its controller steps down or restarts are simply never used (as in Kafka). A controller that
// lost its leadership without knowing it can only use its own committed block, which nobody else gets.
#pragma once
#include <cstdint>

#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/storage/producer_types.h"

namespace sluice::broker {

class metadata_writer;

class producer_id_manager {
public:
    // Kafka's ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE.
    static constexpr int64_t block_size = 1000;

    producer_id_manager(metadata_writer& writer, int32_t node_id) : writer_(writer), node_id_(node_id) {}

    // A fresh producer id; takes a new block through the metadata log when the current one is used up.
    // NOT_CONTROLLER (or the writer's other errors) when no block can be committed here.
    awaitable<result<storage::producer_id>> next_id();

private:
    metadata_writer& writer_;
    int32_t node_id_;
    int64_t next_ = 0;  // the current block is [next_, end_)
    int64_t end_ = 0;
};

}  // namespace sluice::broker
