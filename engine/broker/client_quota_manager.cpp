#include "engine/broker/client_quota_manager.h"

#include "engine/metadata/client_quotas.h"

namespace sluice::broker {

int64_t client_quota_manager::record(quota_kind kind, const metadata::metadata_image& image, const std::string& user,
                                     const std::string& client_id, int64_t bytes, int64_t now_ms) {
    if (image.client_quotas().empty()) return 0;  // the common case costs one check
    std::lock_guard lock(mutex_);
    auto& r = resolved_[{kind, user, client_id}];
    if (r.image_version != image.applied()) {
        const auto key = kind == quota_kind::produce ? metadata::producer_byte_rate : metadata::consumer_byte_rate;
        auto quota = metadata::resolve_client_quota(image, user, client_id, key);
        r = {image.applied(),
             quota ? quota->limit : 0,
             quota.has_value(),
             {kind, quota && quota->per_user ? user : std::string(), quota && quota->per_client ? client_id : ""}};
    }
    if (!r.limited) return 0;
    auto sensor = sensors_.try_emplace(r.sensor, window_).first;
    sensor->second.record(static_cast<double>(bytes), now_ms);
    return sensor->second.throttle_ms(r.limit, now_ms);
}

}  // namespace sluice::broker
