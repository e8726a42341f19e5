// DeleteTopics (key 20): removes topics by name (v0-v5; topic ids arrive in v6).
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct delete_topics_request {
    std::vector<std::string> topic_names;
    int32_t timeout_ms = 60000;
    static constexpr auto schema() {
        using T = delete_topics_request;
        return std::tuple{field(&T::topic_names, "TopicNames"), field(&T::timeout_ms, "TimeoutMs")};
    }
};

struct delete_topics_response {
    struct result {
        std::string name;
        int16_t error_code = 0;
        std::optional<std::string> error_message;
        static constexpr auto schema() {
            using T = result;
            return std::tuple{field(&T::name, "Name"), field(&T::error_code, "ErrorCode"),
                              field(&T::error_message, "ErrorMessage", 5)};
        }
    };
    int32_t throttle_time_ms = 0;
    std::vector<result> responses;
    static constexpr auto schema() {
        using T = delete_topics_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs", 1), field(&T::responses, "Responses")};
    }
};

struct delete_topics_api {
    static constexpr api_key key = api_key::delete_topics;
    using request = delete_topics_request;
    using response = delete_topics_response;
};

SLUICE_DECLARE_CODEC(delete_topics_request);
SLUICE_DECLARE_CODEC(delete_topics_response);

}  // namespace sluice::protocol
