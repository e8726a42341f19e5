// NodeCommand: one control action on a node of the embedded local cluster, as the Brokers view requests it.
#pragma once
#include <QMetaType>

struct NodeCommand
{
    enum class Kind
    {
        Stop,
        Start,
        Kill,
        Restart,
        Isolate,     // cut the node off from the others
        AddLatency,  // latencyMs on each of its links to the others
        HealAll      // every link of every node (nodeId unused)
    };
    Kind kind = Kind::Stop;
    int nodeId = -1;
    int latencyMs = 0;
    bool operator==(const NodeCommand &) const = default;
};

Q_DECLARE_METATYPE(NodeCommand)
