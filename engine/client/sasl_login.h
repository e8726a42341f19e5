// The client side of Kafka's SASL authentication (KIP-43, KIP-152) on a connection that has negotiated its
// versions: SaslHandshake v1 names the mechanism, then SaslAuthenticate carries the tokens — one for PLAIN,
// two round trips for SCRAM-SHA-256/512, whose last answer proves the server knows the credential too.
#pragma once
#include <chrono>

#include "engine/client/async_connection.h"
#include "engine/client/client_security.h"

namespace sluice::client {

// UNSUPPORTED_SASL_MECHANISM (naming what the broker offers), SASL_AUTHENTICATION_FAILED with the broker's
// message, or ILLEGAL_SASL_STATE; the caller closes the connection on any failure, as the broker does.
awaitable<result<void>> sasl_login(async_connection& conn, const sasl_credentials& credentials,
                                   std::chrono::milliseconds timeout);

}  // namespace sluice::client
