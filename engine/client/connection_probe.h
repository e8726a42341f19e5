// "Test connection": what a person setting up a cluster connection needs to hear when it fails — which step
// failed and why: resolving the host (DNS), the TCP connect, the TLS handshake (with the certificate problem),
// authentication, authorization, and Kafka's most common setup failure, advertised listeners the client
// cannot reach (the bootstrap answers, but names brokers at addresses that do not).
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "engine/client/client_security.h"

namespace sluice::client {

enum class probe_step { resolve, connect, tls, authenticate, authorize, advertised_listeners };

struct probe_outcome {
    probe_step step;
    bool ok = false;
    bool skipped = false;  // not tried: an earlier step failed, or it does not apply (no TLS, no SASL)
    std::string detail;    // what was found, or what went wrong and what to do about it
};

struct probe_report {
    std::vector<probe_outcome> steps;  // every step, in order
    bool ok() const;
    // The first failed step, or nullptr when all passed.
    const probe_outcome* failure() const;
};

std::string_view probe_step_name(probe_step step);  // "DNS", "TCP", "TLS", "Authentication", ...

// Tries the first reachable bootstrap address step by step, then every broker Metadata names. Blocking;
// each step ends within `timeout`.
probe_report probe_connection(const std::string& bootstrap, const client_security& security,
                              std::chrono::milliseconds timeout);

}  // namespace sluice::client
