// LocalNodeState: what the app has done to one node of its embedded cluster (running, stopped, killed, cut off,
// slowed links) and its clients, shown beside what the cluster's metadata says (which lags: a killed broker
// stays in the metadata until its session times out).
#pragma once
#include <map>

struct LocalNodeState
{
    enum class Process
    {
        Running,
        Stopped,  // a clean stop
        Killed    // stopped as a crash would
    };
    Process process = Process::Running;
    bool isolated = false;   // every link to the other nodes cut
    int latencyMs = 0;       // added to every link to the other nodes
    int clientConnections = 0;

    bool running() const { return process == Process::Running; }
    bool operator==(const LocalNodeState &) const = default;
};

using LocalNodeStates = std::map<int, LocalNodeState>;  // by node id
