// The byte-rate quotas of clients (KIP-13, KIP-219): per (user principal, client-id) what Produce appends
// and Fetch returns is measured in a rate_window, and a client over the quota that applies to it (resolved
// from the metadata image in Kafka's order) is told how long to back off: the response carries the
// throttle time and the connection reads nothing more until it has passed. No quota set: nothing measured.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "engine/broker/rate_window.h"
#include "engine/metadata/metadata_image.h"

namespace sluice::broker {

enum class quota_kind { produce, fetch };

class client_quota_manager {
public:
    explicit client_quota_manager(quota_window window) : window_(window) {}

    // Records `bytes` for the client and returns the throttle time in ms (0 within its quota, or none).
    int64_t record(quota_kind kind, const metadata::metadata_image& image, const std::string& user,
                   const std::string& client_id, int64_t bytes, int64_t now_ms);

private:
    // A sensor is shared by the clients the quota's entity names (Kafka's quota metric tags): the key holds
    // the user and client-id only where the entity has them.
    using sensor_key = std::tuple<quota_kind, std::string, std::string>;
    struct resolution {
        int64_t image_version = -1;
        double limit = 0;
        bool limited = false;
        sensor_key sensor;
    };

    quota_window window_;
    std::mutex mutex_;
    std::map<sensor_key, resolution> resolved_;  // by (kind, user, client-id): which quota, until the image moves
    std::map<sensor_key, rate_window> sensors_;
};

}  // namespace sluice::broker
