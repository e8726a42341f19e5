// Declarations of every API handler: each takes its decoded request and returns its response, or nullopt
// when Kafka sends none (Produce with acks=0). One file per API under handlers/.
#pragma once
#include <optional>

#include "engine/broker/broker_context.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"

namespace sluice::broker {

awaitable<std::optional<protocol::api_versions_response>> handle_api_versions(request_context&, protocol::api_versions_request&);
awaitable<std::optional<protocol::metadata_response>> handle_metadata(request_context&, protocol::metadata_request&);
awaitable<std::optional<protocol::produce_response>> handle_produce(request_context&, protocol::produce_request&);
awaitable<std::optional<protocol::fetch_response>> handle_fetch(request_context&, protocol::fetch_request&);
awaitable<std::optional<protocol::list_offsets_response>> handle_list_offsets(request_context&, protocol::list_offsets_request&);

// Builds the ApiVersions answer from the handler table (also used for the unsupported-version reply).
protocol::api_versions_response supported_api_versions();

}  // namespace sluice::broker
