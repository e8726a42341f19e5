// What the group coordinator needs from the node that hosts it: the partitions of __consumer_offsets
// (created on demand, appended to with acks=all semantics, replayed on start) and whether a partition exists.
// The broker implements it over its log manager; tests can fake it.
#pragma once
#include <functional>
#include <span>
#include <string>

#include "engine/common/result.h"
#include "engine/protocol/record_batch.h"

namespace sluice::group {

class offsets_backend {
public:
    virtual ~offsets_backend() = default;
    // Partitions of __consumer_offsets; 0 while the topic does not exist.
    virtual int32_t partition_count() const = 0;
    // Creates __consumer_offsets with `partitions` partitions unless it exists; returns its partition count.
    virtual result<int32_t> ensure_topic(int32_t partitions) = 0;
    // Appends the records as one batch to the partition and returns once it is committed (single replica:
    // when it is in the log; with replicas this is where acks=all waiting belongs).
    virtual result<void> append(int32_t partition, std::span<const protocol::record> records) = 0;
    // Visits every record of the partition from its start, in offset order.
    virtual result<void> replay(int32_t partition, const std::function<void(const protocol::record&)>& visit) = 0;
    // Whether the cluster has this topic partition (commits to unknown ones are refused).
    virtual bool partition_exists(const std::string& topic, int32_t partition) const = 0;
};

}  // namespace sluice::group
