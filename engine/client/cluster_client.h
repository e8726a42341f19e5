// A client for one cluster: keeps a connection per broker (bootstrap first), reads metadata and offsets into
// cluster_snapshot, and produces records. Blocking, for a worker thread; not thread-safe.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/client/cluster_snapshot.h"
#include "engine/client/connection.h"
#include "engine/protocol/record_batch.h"

namespace sluice::client {

class cluster_client {
public:
    explicit cluster_client(std::string bootstrap, std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Brokers, topics, partitions (leader, replicas, ISR) and each partition's start and end offsets.
    result<cluster_snapshot> snapshot();

    // Produces records to one partition as one batch; returns the base offset. acks: 0, 1 or -1.
    result<int64_t> produce(const std::string& topic, int32_t partition, std::span<const protocol::record> records,
                            int16_t acks = -1, protocol::compression_codec codec = protocol::compression_codec::none);

    // A connection to the given broker (or to the bootstrap address when node_id < 0), opened on demand.
    result<connection*> broker(int32_t node_id);
    // The cluster's brokers (Metadata without topics); also makes broker(node_id) work for each of them.
    result<std::vector<broker_info>> brokers();

private:
    result<void> refresh_brokers();

    std::string bootstrap_;
    std::chrono::milliseconds timeout_;
    std::map<int32_t, std::string> broker_addresses_;
    std::map<int32_t, std::unique_ptr<connection>> connections_;  // key -1: bootstrap
};

// One-shot convenience: connect, read a snapshot, disconnect.
result<cluster_snapshot> read_cluster_snapshot(const std::string& bootstrap, std::chrono::milliseconds timeout);

}  // namespace sluice::client
