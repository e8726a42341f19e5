// A client for one cluster: keeps a connection per broker (bootstrap first), reads metadata and offsets into
// cluster_snapshot, and produces records. Blocking, for a worker thread; not thread-safe.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/client/cluster_snapshot.h"
#include "engine/client/connection.h"
#include "engine/protocol/record_batch.h"

namespace sluice::client {

// One partition's offset question for ListOffsets: the offset at `timestamp`, which is a time in ms since the
// epoch or protocol::latest_timestamp / protocol::earliest_timestamp.
struct offset_query {
    std::string topic;
    int32_t partition = 0;
    int64_t timestamp = 0;
};

// Its answer. `failure` is set when the leader could not be asked (unreachable, no common version, request
// failed); otherwise `error` is the partition's Kafka error code (LEADER_NOT_AVAILABLE when it has no leader).
struct partition_offset {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = -1;
    int64_t timestamp = -1;  // of the record found, for a time query; -1 otherwise
    int16_t error = 0;
    std::optional<sluice::error> failure;
};

class cluster_client {
public:
    // `bootstrap`: one address or a comma-separated list (bootstrap.servers), e.g. "h1:9092,h2:9092".
    explicit cluster_client(std::string bootstrap, std::chrono::milliseconds timeout = std::chrono::seconds(5),
                            client_security security = {});

    // Brokers, topics, partitions (leader, replicas, ISR), each partition's start offset and high watermark and,
    // where brokers serve DescribeLogDirs, its log end offset and size.
    result<cluster_snapshot> snapshot();

    // Fills each partition's size_bytes and log_end_offset from the leaders' DescribeLogDirs, and each broker's
    // log_dir_bytes (its partitions' bytes over all log dirs, future replicas left out): one request per broker
    // for all its partitions. Brokers that cannot be asked leave their values unknown (-1).
    void add_log_dirs(cluster_snapshot& snapshot);

    // The metadata quorum (DescribeQuorum for __cluster_metadata-0). UNSUPPORTED_VERSION when the cluster does not
    // serve it (ZooKeeper-mode Kafka, older brokers); snapshot() then leaves cluster_snapshot::quorum empty.
    result<quorum_info> describe_quorum();

    // One topic's partitions and leaders (Metadata for that topic only); also makes broker(leader) work. With
    // `allow_auto_create` the cluster may create the topic (auto.create.topics.enable). The topic's Kafka error
    // (UNKNOWN_TOPIC_OR_PARTITION, …) comes back as the error.
    result<topic_info> topic_metadata(const std::string& topic, bool allow_auto_create = false);

    // Produces records to one partition as one batch; returns the base offset. acks: 0, 1 or -1.
    result<int64_t> produce(const std::string& topic, int32_t partition, std::span<const protocol::record> records,
                            int16_t acks = -1, protocol::compression_codec codec = protocol::compression_codec::none);

    // Asks each partition's leader in `topology`, one ListOffsets per leader, for the offsets `queries` ask for.
    // Returns one answer per query, in order. The same partition may be asked several times (e.g. earliest and
    // latest): each repetition goes in the leader's next request, since a request names a partition once.
    std::vector<partition_offset> list_offsets(const cluster_snapshot& topology, std::span<const offset_query> queries);

    // A connection to the given broker (or to the bootstrap address when node_id < 0), opened on demand.
    result<connection*> broker(int32_t node_id);
    // One request to any broker (the bootstrap connection), at the highest version both speak: for the
    // APIs a cluster forwards to its controller itself (ACL and SCRAM admin).
    template <class Api>
    result<typename Api::response> ask_any_broker(const typename Api::request& request) {
        auto conn = broker(-1);
        if (!conn) return conn.err();
        auto version = conn.value()->pick_version(Api::key);
        if (!version) return version.err();
        return conn.value()->template send<Api>(request, *version);
    }
    // The cluster's brokers (Metadata without topics); also makes broker(node_id) work for each of them.
    result<std::vector<broker_info>> brokers();

private:
    result<void> refresh_brokers();
    result<connection*> open_bootstrap();

    std::string bootstrap_;
    std::chrono::milliseconds timeout_;
    client_security security_;  // every connection, bootstrap and brokers alike
    std::map<int32_t, std::string> broker_addresses_;
    std::map<int32_t, std::unique_ptr<connection>> connections_;  // key -1: bootstrap
    std::size_t next_bootstrap_ = 0;                              // which bootstrap address to try first
};

// One-shot convenience: connect, read a snapshot, disconnect.
result<cluster_snapshot> read_cluster_snapshot(const std::string& bootstrap, std::chrono::milliseconds timeout);

}  // namespace sluice::client
