// ApiVersions (key 18): which APIs and versions the broker serves. v3 is flexible (but see header.h).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct api_versions_request {
    std::string client_software_name;
    std::string client_software_version;
    static constexpr auto schema() {
        using T = api_versions_request;
        return std::tuple{field(&T::client_software_name, "ClientSoftwareName", 3),
                          field(&T::client_software_version, "ClientSoftwareVersion", 3)};
    }
};

struct api_versions_response {
    struct api_version {
        int16_t api_key = 0;
        int16_t min_version = 0;
        int16_t max_version = 0;
        static constexpr auto schema() {
            using T = api_version;
            return std::tuple{field(&T::api_key, "ApiKey"), field(&T::min_version, "MinVersion"),
                              field(&T::max_version, "MaxVersion")};
        }
    };
    int16_t error_code = 0;
    std::vector<api_version> api_keys;
    int32_t throttle_time_ms = 0;
    static constexpr auto schema() {
        using T = api_versions_response;
        return std::tuple{field(&T::error_code, "ErrorCode"), field(&T::api_keys, "ApiKeys"),
                          field(&T::throttle_time_ms, "ThrottleTimeMs", 1)};
    }
};

struct api_versions_api {
    static constexpr api_key key = api_key::api_versions;
    using request = api_versions_request;
    using response = api_versions_response;
};

SLUICE_DECLARE_CODEC(api_versions_request);
SLUICE_DECLARE_CODEC(api_versions_response);

}  // namespace sluice::protocol
