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

#include "engine/metadata/metadata_image.h"
#include "engine/metadata/metadata_records.h"

namespace sluice::metadata {

using broker_set = std::set<int32_t>;
// Whether a topic allows unclean leader election (unclean.leader.election.enable, its effective value).
using unclean_policy = std::function<bool(const std::string& topic)>;

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

}  // namespace sluice::metadata
