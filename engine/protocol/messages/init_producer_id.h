// InitProducerId (key 22): gives an idempotent (or, later, transactional) producer its id and epoch.
// v2+ flexible; v3 (KIP-360) lets a producer name its current id and epoch; v4 adds PRODUCER_FENCED.
#pragma once
#include "engine/protocol/api_key.h"
#include "engine/protocol/schema.h"

namespace sluice::protocol {

struct init_producer_id_request {
    std::optional<std::string> transactional_id;  // null for an idempotent producer without transactions
    int32_t transaction_timeout_ms = 0;
    int64_t producer_id = -1;  // v3+: the producer's current id, or -1
    int16_t producer_epoch = -1;
    static constexpr auto schema() {
        using T = init_producer_id_request;
        return std::tuple{field(&T::transactional_id, "TransactionalId"),
                          field(&T::transaction_timeout_ms, "TransactionTimeoutMs"),
                          field(&T::producer_id, "ProducerId", 3), field(&T::producer_epoch, "ProducerEpoch", 3)};
    }
};

struct init_producer_id_response {
    int32_t throttle_time_ms = 0;
    int16_t error_code = 0;
    int64_t producer_id = -1;
    int16_t producer_epoch = -1;
    static constexpr auto schema() {
        using T = init_producer_id_response;
        return std::tuple{field(&T::throttle_time_ms, "ThrottleTimeMs"), field(&T::error_code, "ErrorCode"),
                          field(&T::producer_id, "ProducerId"), field(&T::producer_epoch, "ProducerEpoch")};
    }
};

struct init_producer_id_api {
    static constexpr api_key key = api_key::init_producer_id;
    using request = init_producer_id_request;
    using response = init_producer_id_response;
};

SLUICE_DECLARE_CODEC(init_producer_id_request);
SLUICE_DECLARE_CODEC(init_producer_id_response);

}  // namespace sluice::protocol
