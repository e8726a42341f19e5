// meta.properties: the identity a data directory belongs to (cluster id, node id), written when the
// directory is formatted, as `kafka-storage.sh format` writes it for KRaft (version=1), and checked on
// every start so a directory is never served by another cluster or another node.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/common/result.h"

namespace sluice::broker {

struct meta_properties {
    std::string cluster_id;
    int32_t node_id = -1;
};

// Reads `dir`/meta.properties, or formats the directory when it has none: `configured_cluster_id` (or a
// fresh random id when empty) and `node_id`. Refuses a directory of another cluster or another node.
result<meta_properties> load_or_format(const std::filesystem::path& dir, const std::string& configured_cluster_id,
                                       int32_t node_id);

// A Kafka-style cluster id: 16 random bytes as URL-safe base64 without padding (22 characters).
std::string generate_cluster_id();
// The cluster id every voter of one controller.quorum.voters set formats itself with when no cluster.id is
// configured: derived from the voters (ids and addresses, in id order), so three nodes given the same voters
// agree without `kafka-storage.sh format -t` having been run with one id on each.
std::string cluster_id_from_voters(std::string_view voters);

}  // namespace sluice::broker
