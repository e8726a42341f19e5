#include "engine/broker/handlers/handlers.h"

namespace sluice::broker {

awaitable<std::optional<protocol::api_versions_response>> handle_api_versions(request_context&,
                                                                              protocol::api_versions_request&) {
    co_return supported_api_versions();
}

}  // namespace sluice::broker
