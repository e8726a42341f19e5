// BrokerRegistration (key 62): a broker registers with the KRaft controller, with its listeners, supported
// features, rack and incarnation id, and gets a broker epoch (KIP-631; v1 adds IsMigratingZkBroker, v2 the
// log directories, v3 the previous broker epoch). Flexible from v0.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct broker_registration_request {
    struct listener {
        std::string name;
        std::string host;
        uint16_t port = 0;
        int16_t security_protocol = 0;
        static constexpr auto schema() {
            return std::tuple{field(&listener::name, "Name"), field(&listener::host, "Host"),
                              field(&listener::port, "Port"), field(&listener::security_protocol, "SecurityProtocol")};
        }
    };
    struct feature {
        std::string name;
        int16_t min_supported_version = 0;
        int16_t max_supported_version = 0;
        static constexpr auto schema() {
            return std::tuple{field(&feature::name, "Name"), field(&feature::min_supported_version, "MinSupportedVersion"),
                              field(&feature::max_supported_version, "MaxSupportedVersion")};
        }
    };
    int32_t broker_id = 0;
    std::string cluster_id;
    uuid incarnation_id;
    std::vector<listener> listeners;
    std::vector<feature> features;
    std::optional<std::string> rack;
    bool is_migrating_zk_broker = false;
    std::vector<uuid> log_dirs;
    int64_t previous_broker_epoch = -1;
    static constexpr auto schema() {
        using T = broker_registration_request;
        return std::tuple{field(&T::broker_id, "BrokerId"), field(&T::cluster_id, "ClusterId"),
                          field(&T::incarnation_id, "IncarnationId"), field(&T::listeners, "Listeners"),
                          field(&T::features, "Features"), field(&T::rack, "Rack"),
                          field(&T::is_migrating_zk_broker, "IsMigratingZkBroker", 1),
                          field(&T::log_dirs, "LogDirs", 2), field(&T::previous_broker_epoch, "PreviousBrokerEpoch", 3)};
    }
};

struct broker_registration_response {
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    int64_t broker_epoch = -1;
    static constexpr auto schema() {
        using T = broker_registration_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::broker_epoch, "BrokerEpoch")};
    }
};

struct broker_registration_api {
    static constexpr api_key key = api_key::broker_registration;
    using request = broker_registration_request;
    using response = broker_registration_response;
};

SLUICE_DECLARE_CODEC(broker_registration_request);
SLUICE_DECLARE_CODEC(broker_registration_response);

}  // namespace sluice::protocol
