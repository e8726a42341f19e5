// What the cluster tests ask of running nodes: a bounded wait for a condition, and DescribeQuorum of the
// metadata partition through one node's listener.
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "engine/client/connection.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "tests/cluster/eventually.h"

namespace sluice::testing {

// DescribeQuorum v1 for __cluster_metadata-0 through the node at `address`; nullopt if it cannot answer.
inline std::optional<protocol::describe_quorum_response::partition> describe_quorum(const std::string& address) {
    auto c = client::connection::open(address, std::chrono::milliseconds(3000));
    if (!c) return std::nullopt;
    protocol::describe_quorum_request req;
    req.topics.push_back({"__cluster_metadata", {{0}}});
    auto r = c.value()->send<protocol::describe_quorum_api>(req, 1);
    if (!r || r->topics.size() != 1 || r->topics[0].partitions.size() != 1) return std::nullopt;
    return r->topics[0].partitions[0];
}

}  // namespace sluice::testing
