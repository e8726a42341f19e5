// BrokerHeartbeat (key 63): a registered broker keeps its session with the KRaft controller alive, reports
// its metadata offset and asks to be fenced or shut down (KIP-631; v1 adds offline log dirs as a tagged
// field). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct broker_heartbeat_request {
    int32_t broker_id = 0;
    int64_t broker_epoch = -1;
    int64_t current_metadata_offset = 0;
    bool want_fence = false;
    bool want_shut_down = false;
    std::vector<uuid> offline_log_dirs;  // tagged (tag 0), v1+
    static constexpr auto schema() {
        using T = broker_heartbeat_request;
        return std::tuple{field(&T::broker_id, "BrokerId"), field(&T::broker_epoch, "BrokerEpoch"),
                          field(&T::current_metadata_offset, "CurrentMetadataOffset"),
                          field(&T::want_fence, "WantFence"), field(&T::want_shut_down, "WantShutDown"),
                          tagged_field(&T::offline_log_dirs, "OfflineLogDirs", 0, 1)};
    }
};

struct broker_heartbeat_response {
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    bool is_caught_up = false;
    bool is_fenced = true;
    bool should_shut_down = false;
    static constexpr auto schema() {
        using T = broker_heartbeat_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::is_caught_up, "IsCaughtUp"), field(&T::is_fenced, "IsFenced"),
                          field(&T::should_shut_down, "ShouldShutDown")};
    }
};

struct broker_heartbeat_api {
    static constexpr api_key key = api_key::broker_heartbeat;
    using request = broker_heartbeat_request;
    using response = broker_heartbeat_response;
};

SLUICE_DECLARE_CODEC(broker_heartbeat_request);
SLUICE_DECLARE_CODEC(broker_heartbeat_response);

}  // namespace sluice::protocol
