// Leader election on the controller, Kafka's rules, as pure functions over the metadata image: the records
// that move leaderships off a broker that is fenced or shutting down, elect leaders of leaderless partitions
// when ISR members are back, and give leadership back to the preferred (first) replica. Only live brokers
// (registered and not fenced) may lead; a leader comes from the ISR, unless the topic enables unclean
// leader election and no ISR member is live.
#pragma once
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"
#include "engine/metadata/metadata_records.h"

namespace sluice::metadata {

using broker_set = std::set<int32_t>;
// Whether a topic allows unclean leader election (unclean.leader.election.enable, its effective value).
using unclean_policy = std::function<bool(const std::string& topic)>;

// Registered brokers that are not fenced, leaving out `except`: the brokers that may lead.
broker_set live_brokers(const metadata_image& image, int32_t except = -1);

// `broker` is gone (`live` no longer holds it): it leaves every ISR it is in, except as the last member —
// then it stays, leaderless, so that it can lead again without losing data (as Kafka's KRaft controller
// does) — and every partition it led gets the first live ISR member in replica order, or none.
std::vector<partition_change_record> remove_broker(const metadata_image& image, int32_t broker, const broker_set& live,
                                                   const unclean_policy& unclean);

// Leaderless partitions whose ISR has a live member elect it; with unclean election enabled and no live ISR
// member, the first live replica leads and the ISR becomes just it (records may have been lost).
std::vector<partition_change_record> elect_leaderless(const metadata_image& image, const broker_set& live,
                                                      const unclean_policy& unclean);

// Partitions led by another broker while their preferred replica (the first) is live and in the ISR go back
// to it (auto.leader.rebalance.enable, ElectLeaders PREFERRED).
std::vector<partition_change_record> elect_preferred(const metadata_image& image, const broker_set& live);

// ElectLeaders' election types (KIP-460).
enum class election_type : int8_t { preferred = 0, unclean = 1 };

// ElectLeaders for one partition, as Kafka's controller answers it: PREFERRED gives the lead to the first
// replica (ELECTION_NOT_NEEDED if it leads, PREFERRED_LEADER_NOT_AVAILABLE unless it is live and in the ISR);
// UNCLEAN elects only a leaderless partition (ELECTION_NOT_NEEDED otherwise), from the ISR if a member is
// live, else the first live replica with the ISR reset to it (ELIGIBLE_LEADERS_NOT_AVAILABLE if none).
result<partition_change_record> elect_leader(const topic_state& topic, int32_t index, election_type type,
                                             const broker_set& live);

}  // namespace sluice::metadata
