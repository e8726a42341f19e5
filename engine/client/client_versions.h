// The one table of the Kafka API versions our client speaks: the range each call site may use, so
// pick_version() on a connection needs only the API key (no literal ranges scattered over callers).
#pragma once
#include <cstdint>
#include <span>

#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::client {

using protocol::version_range;

struct client_api_versions {
    protocol::api_key key;
    version_range versions;
};

// Every API the client sends, with the versions its request building and response reading handle.
std::span<const client_api_versions> client_versions();

// nullptr when the client never sends `key`.
const version_range* find_client_versions(protocol::api_key key);

}  // namespace sluice::client
