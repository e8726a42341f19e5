// cluster_client::add_log_dirs: partition sizes, log end offsets and each broker's bytes on disk from
// DescribeLogDirs, one request per broker.
#include <map>
#include <utility>

#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/describe_log_dirs.h"

namespace sluice::client {

void cluster_client::add_log_dirs(cluster_snapshot& snapshot) {
    // What each broker reports about its own replica of a partition.
    struct replica_report {
        int64_t size = 0;
        int64_t offset_lag = 0;
    };
    std::map<std::pair<std::string, int32_t>, std::map<int32_t, replica_report>> reports;
    for (auto& b : snapshot.brokers) {
        auto conn = broker(b.node_id);
        if (!conn) continue;
        auto version = conn.value()->pick_version(protocol::api_key::describe_log_dirs);
        if (!version) continue;                       // an old broker: sizes stay unknown
        protocol::describe_log_dirs_request request;  // null topics: every partition the broker hosts
        auto answer = conn.value()->send<protocol::describe_log_dirs_api>(request, version.value());
        if (!answer) {
            connections_.erase(b.node_id);  // reconnect next time
            continue;
        }
        int64_t broker_bytes = 0;  // broker_info::log_dir_bytes stays -1 for a broker that does not answer
        for (const auto& dir : answer->results) {
            if (dir.error_code != 0) continue;  // e.g. an offline log dir
            for (const auto& t : dir.topics)
                for (const auto& p : t.partitions) {
                    if (p.is_future_key) continue;  // a copy being moved between dirs, not the replica that serves
                    auto& report = reports[{t.name, p.partition_index}][b.node_id];
                    report.size += p.partition_size;
                    report.offset_lag = p.offset_lag;
                    broker_bytes += p.partition_size;
                }
        }
        b.log_dir_bytes = broker_bytes;
    }
    for (auto& t : snapshot.topics)
        for (auto& p : t.partitions) {
            auto found = reports.find({t.name, p.partition});
            if (found == reports.end()) continue;
            auto leader = found->second.find(p.leader);
            if (leader != found->second.end()) {
                p.size_bytes = leader->second.size;
                // A leader's offset lag is its LEO minus its high watermark (Kafka's definition for a current log).
                if (p.end_offset >= 0 && leader->second.offset_lag >= 0)
                    p.log_end_offset = p.end_offset + leader->second.offset_lag;
            } else {
                // No leader answered: the largest replica is the best guess of the partition's size.
                for (const auto& [node, report] : found->second)
                    if (report.size > p.size_bytes) p.size_bytes = report.size;
            }
        }
}

}  // namespace sluice::client
