// Kafka's rules for topic names: 1-249 characters of [a-zA-Z0-9._-], not "." or "..".
#pragma once
#include <string_view>

#include "engine/common/result.h"

namespace sluice::metadata {

inline constexpr std::size_t max_topic_name_length = 249;

// INVALID_TOPIC_EXCEPTION with Kafka's wording when the name is not legal.
result<void> validate_topic_name(std::string_view name);

// Kafka's internal topics (__consumer_offsets, __transaction_state).
bool is_internal_topic(std::string_view name);

// The KRaft metadata log's topic: not in the metadata image (the Raft quorum keeps it), never a user's topic.
inline constexpr std::string_view cluster_metadata_topic = "__cluster_metadata";

}  // namespace sluice::metadata
