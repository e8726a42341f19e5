#include "engine/client/connection_probe.h"

#include "engine/client/broker_address.h"
#include "engine/client/connection.h"
#include "engine/common/config_list.h"
#include "engine/protocol/messages/metadata.h"

namespace sluice::client {

using protocol::error_code;
using std::chrono::milliseconds;

namespace {

constexpr probe_step all_steps[] = {probe_step::resolve,      probe_step::connect,   probe_step::tls,
                                    probe_step::authenticate, probe_step::authorize, probe_step::advertised_listeners};

// Resolves and connects with one deadline each; fills the two steps' outcomes. True when connected.
bool reach(const broker_address& at, const std::string& address, milliseconds timeout, probe_outcome& resolve,
           probe_outcome& connect) {
    asio::io_context io;
    tcp::resolver resolver(io);
    boost::system::error_code ec;
    tcp::resolver::results_type found;
    resolver.async_resolve(at.host, at.port, [&](boost::system::error_code e, tcp::resolver::results_type r) {
        ec = e;
        found = std::move(r);
    });
    resolve.skipped = false;
    if (io.run_for(timeout) == 0 || !io.stopped()) {
        resolve.detail = "resolving " + at.host + " took longer than " + std::to_string(timeout.count()) + " ms";
        return false;
    }
    if (ec) {
        resolve.detail = "cannot resolve " + at.host + ": " + ec.message() + " (check the host name)";
        return false;
    }
    resolve.ok = true;
    resolve.detail = at.host + " is " + found.begin()->endpoint().address().to_string();
    io.restart();
    tcp::socket socket(io);
    bool done = false;
    asio::async_connect(socket, found, [&](boost::system::error_code e, const tcp::endpoint&) {
        ec = e;
        done = true;
    });
    connect.skipped = false;
    io.run_for(timeout);
    if (!done) {
        connect.detail = "no answer from " + address + " within " + std::to_string(timeout.count()) +
                         " ms (a firewall, or the wrong address)";
        return false;
    }
    if (ec) {
        connect.detail = "cannot connect to " + address + ": " + ec.message() +
                         (ec == asio::error::connection_refused ? " (nothing listens on that port)" : "");
        return false;
    }
    connect.ok = true;
    connect.detail = "connected to " + address;
    return true;
}

bool is_authentication_error(error_code code) {
    return code == error_code::sasl_authentication_failed || code == error_code::unsupported_sasl_mechanism ||
           code == error_code::illegal_sasl_state;
}

result<protocol::metadata_response> all_metadata(connection& conn) {
    auto version = conn.pick_version(protocol::api_key::metadata);
    if (!version) return version.err();
    protocol::metadata_request request;  // topics null: every topic the principal may describe
    return conn.send<protocol::metadata_api>(request, *version);
}

}  // namespace

std::string_view probe_step_name(probe_step step) {
    switch (step) {
        case probe_step::resolve:
            return "DNS";
        case probe_step::connect:
            return "TCP";
        case probe_step::tls:
            return "TLS";
        case probe_step::authenticate:
            return "Authentication";
        case probe_step::authorize:
            return "Authorization";
        case probe_step::advertised_listeners:
            return "Advertised listeners";
    }
    return "?";
}

bool probe_report::ok() const { return failure() == nullptr; }

const probe_outcome* probe_report::failure() const {
    for (const auto& s : steps)
        if (!s.ok && !s.skipped) return &s;
    return nullptr;
}

probe_report probe_connection(const std::string& bootstrap, const client_security& security, milliseconds timeout) {
    probe_report report;
    for (auto step : all_steps) report.steps.push_back({step, false, true, {}});
    auto& resolve = report.steps[0];
    auto& connect = report.steps[1];
    auto& tls = report.steps[2];
    auto& authenticate = report.steps[3];
    auto& authorize = report.steps[4];
    auto& advertised = report.steps[5];
    const bool uses_tls = security::uses_tls(security.protocol);
    const bool uses_sasl = security::uses_sasl(security.protocol);
    if (!uses_tls) tls.detail = "not used (" + std::string(security::security_protocol_name(security.protocol)) + ")";
    if (!uses_sasl) authenticate.detail = "not used (no SASL)";

    auto addresses = split_config_list(bootstrap);
    if (addresses.empty()) {
        resolve.skipped = false;
        resolve.detail = "no bootstrap servers given (host:port, comma-separated)";
        return report;
    }
    // The first bootstrap address that answers TCP is the one the rest of the probe talks to.
    std::string address;
    for (const auto& a : addresses) {
        auto at = parse_broker_address(a);
        if (!at || at->port_number == 0) {
            resolve.skipped = false;
            resolve.detail = "'" + a + "' is not host:port";
            return report;
        }
        resolve = {probe_step::resolve, false, true, {}};
        connect = {probe_step::connect, false, true, {}};
        if (reach(*at, a, timeout, resolve, connect)) {
            address = a;
            break;
        }
    }
    if (address.empty()) return report;

    auto conn = connection::open(address, security, timeout);
    if (!conn) {
        const auto& e = conn.err();
        const bool tls_failed = uses_tls && e.message.starts_with("TLS handshake with");
        if (uses_tls && !tls_failed) {
            tls.skipped = false;
            tls.ok = true;
            tls.detail = "handshake and certificate check passed";
        }
        auto& failed = tls_failed                                                   ? tls
                       : uses_sasl && (is_authentication_error(e.code) || uses_tls) ? authenticate
                       : uses_tls                                                   ? tls
                                                                                    : connect;
        failed.skipped = false;
        failed.ok = false;
        failed.detail = e.message;
        return report;
    }
    if (uses_tls) tls = {probe_step::tls, true, false, "handshake and certificate check passed"};
    if (uses_sasl)
        authenticate = {probe_step::authenticate, true, false,
                        "logged in as " + security.sasl.username + " with " + security.sasl.mechanism};

    auto metadata = all_metadata(*conn.value());
    authorize.skipped = false;
    if (!metadata) {
        authorize.detail = "Metadata failed: " + metadata.err().message;
        return report;
    }
    std::size_t refused = 0;
    for (const auto& t : metadata->topics)
        refused += t.error_code == static_cast<int16_t>(error_code::topic_authorization_failed);
    authorize.ok = true;
    authorize.detail = std::to_string(metadata->topics.size() - refused) + " topic(s) visible" +
                       (refused ? ", " + std::to_string(refused) + " refused (TOPIC_AUTHORIZATION_FAILED)" : "") +
                       "; topics the principal may not DESCRIBE are hidden by the cluster";

    advertised.skipped = false;
    std::string unreachable;
    for (const auto& b : metadata->brokers) {
        std::string at = b.host + ":" + std::to_string(b.port);
        auto probe = connection::open(at, security, timeout);
        if (!probe)
            unreachable += (unreachable.empty() ? "" : "; ") + std::string("broker ") + std::to_string(b.node_id) +
                           " advertises " + at + ": " + probe.err().message;
    }
    if (!unreachable.empty()) {
        advertised.detail = unreachable +
                            ". The bootstrap server answers, but clients are sent to these addresses: set the "
                            "brokers' advertised.listeners to addresses reachable from here";
        return report;
    }
    advertised.ok = true;
    advertised.detail =
        "all " + std::to_string(metadata->brokers.size()) + " broker(s) reachable at their advertised addresses";
    return report;
}

}  // namespace sluice::client
