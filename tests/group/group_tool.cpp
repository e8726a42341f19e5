// sluice_group_tool: the engine's group client from the command line, for the interop tests.
//   sluice_group_tool <host:port> lag <group>    one JSON line: per partition committed, end offset, lag; totals
//   sluice_group_tool <host:port> list           one JSON line: the groups with protocol type and state
#include <iostream>

#include "engine/client/group_client.h"

int main(int argc, char** argv) {
    using namespace sluice;
    if (argc < 3) {
        std::cerr << "usage: sluice_group_tool <host:port> lag <group> | list\n";
        return 2;
    }
    client::cluster_client cluster(argv[1], std::chrono::seconds(10));
    client::group_client groups(cluster);
    std::string command = argv[2];
    if (command == "list") {
        auto listed = groups.list_groups();
        if (!listed) {
            std::cerr << listed.err().message << "\n";
            return 1;
        }
        std::cout << "[";
        for (std::size_t i = 0; i < listed->size(); ++i) {
            const auto& g = (*listed)[i];
            std::cout << (i ? "," : "") << "{\"group\":\"" << g.group_id << "\",\"protocol_type\":\"" << g.protocol_type
                      << "\",\"state\":\"" << g.state << "\"}";
        }
        std::cout << "]\n";
        return 0;
    }
    if (command == "lag" && argc == 4) {
        auto snapshot = cluster.snapshot();
        if (!snapshot) {
            std::cerr << snapshot.err().message << "\n";
            return 1;
        }
        auto lag = groups.lag({argv[3]}, *snapshot);
        if (!lag) {
            std::cerr << lag.err().message << "\n";
            return 1;
        }
        const auto& l = lag->front();
        std::cout << "{\"group\":\"" << l.group_id << "\",\"total\":" << l.total_lag << ",\"partitions\":[";
        for (std::size_t i = 0; i < l.partitions.size(); ++i) {
            const auto& p = l.partitions[i];
            std::cout << (i ? "," : "") << "{\"topic\":\"" << p.topic << "\",\"partition\":" << p.partition
                      << ",\"committed\":" << p.committed << ",\"end\":" << p.log_end_offset << ",\"lag\":" << p.lag
                      << "}";
        }
        std::cout << "],\"topics\":{";
        bool first = true;
        for (const auto& [topic, lag_sum] : l.topic_lag) {
            std::cout << (first ? "" : ",") << "\"" << topic << "\":" << lag_sum;
            first = false;
        }
        std::cout << "}}\n";
        return 0;
    }
    std::cerr << "unknown command\n";
    return 2;
}
