// FindCoordinator (key 10): which broker coordinates a group (key type 0) or a transactional id (key type 1).
// v4 asks for several keys at once (KIP-699); v3 is the first flexible version.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

inline constexpr int8_t coordinator_key_group = 0;
inline constexpr int8_t coordinator_key_transaction = 1;

struct find_coordinator_request {
    std::string key;  // v0-3
    int8_t key_type = coordinator_key_group;
    std::vector<std::string> coordinator_keys;  // v4+
    static constexpr auto schema() {
        using T = find_coordinator_request;
        return std::tuple{field(&T::key, "Key", 0, 3), field(&T::key_type, "KeyType", 1),
                          field(&T::coordinator_keys, "CoordinatorKeys", 4)};
    }
};

struct find_coordinator_response {
    struct coordinator {
        std::string key;
        int32_t node_id = -1;
        std::string host;
        int32_t port = -1;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            using T = coordinator;
            return std::tuple{field(&T::key, "Key"), field(&T::node_id, "NodeId"), field(&T::host, "Host"),
                              field(&T::port, "Port"), field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage")};
        }
    };
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;                    // v0-3
    std::optional<std::string> error_message;  // v1-3
    int32_t node_id = -1;                      // v0-3
    std::string host;                          // v0-3
    int32_t port = -1;                         // v0-3
    std::vector<coordinator> coordinators;     // v4+
    static constexpr auto schema() {
        using T = find_coordinator_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::error_code, "ErrorCode", 0, 3),
                          field(&T::error_message, "ErrorMessage", 1, 3), field(&T::node_id, "NodeId", 0, 3),
                          field(&T::host, "Host", 0, 3), field(&T::port, "Port", 0, 3),
                          field(&T::coordinators, "Coordinators", 4)};
    }
};

struct find_coordinator_api {
    static constexpr api_key key = api_key::find_coordinator;
    using request = find_coordinator_request;
    using response = find_coordinator_response;
};

SLUICE_DECLARE_CODEC(find_coordinator_request);
SLUICE_DECLARE_CODEC(find_coordinator_response);

}  // namespace sluice::protocol
