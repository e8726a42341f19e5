// message_reader: reads the records of chosen partitions of one topic for a person to look at (the GUI's message
// browser): ListOffsets to find where to start, Fetch from each partition's leader, batches decoded (every codec)
// by engine/protocol's record batch code. Blocking, on a cluster_client; for a worker thread, not thread-safe.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/client/message_types.h"

namespace sluice::client {

class message_reader {
public:
    message_reader(cluster_client& client, std::string topic);

    const std::string& topic() const { return topic_; }
    // The topic's partition ids (Metadata). UNKNOWN_TOPIC_OR_PARTITION when the topic does not exist.
    result<std::vector<int32_t>> partitions();

    // The positions to start reading `partitions` (every partition when empty) at. A partition that does not exist
    // gives UNKNOWN_TOPIC_OR_PARTITION; a negative offset or count INVALID_REQUEST (never sent to the cluster).
    result<std::vector<partition_position>> seek(std::span<const int32_t> partitions, start_position start);

    // Reads from each position's leader, one Fetch per leader. Control batches (transaction markers) are
    // skipped; a position whose partition failed keeps its offset and carries the error. Fails as a whole only
    // when no leader could be asked.
    result<message_page> fetch(std::span<const partition_position> positions, const fetch_limits& limits = {});

private:
    result<void> refresh();
    int32_t leader_of(int32_t partition) const;

    cluster_client& client_;
    std::string topic_;
    std::optional<topic_info> metadata_;
};

}  // namespace sluice::client
