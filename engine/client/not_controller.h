// Whether an admin response says "ask the active controller instead": NOT_CONTROLLER at the top, or on every
// item. Kafka's AdminClient then finds the controller again and retries; so does admin_client. One generic
// check over the shapes Kafka's admin responses have, instead of one per API.
#pragma once
#include <algorithm>
#include <cstdint>

#include "engine/common/error_code.h"

namespace sluice::client {

template <class Response>
bool refused_as_not_controller(const Response& response) {
    constexpr auto not_controller = static_cast<int16_t>(protocol::error_code::not_controller);
    auto every_item = [&](const auto& items) {
        return !items.empty() && std::all_of(items.begin(), items.end(),
                                             [&](const auto& item) { return item.error_code == not_controller; });
    };
    if constexpr (requires { response.error_code; })
        if (response.error_code == not_controller) return true;
    if constexpr (requires { response.topics.front().error_code; }) return every_item(response.topics);
    if constexpr (requires { response.responses.front().error_code; }) return every_item(response.responses);
    if constexpr (requires { response.results.front().error_code; }) return every_item(response.results);
    return false;
}

}  // namespace sluice::client
