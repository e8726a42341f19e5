#include "engine/client/sasl_login.h"

#include <optional>

#include "engine/protocol/messages/sasl_authenticate.h"
#include "engine/protocol/messages/sasl_handshake.h"
#include "engine/security/scram.h"

namespace sluice::client {

using protocol::error_code;

namespace {

protocol::bytes to_bytes(std::string_view text) { return {text.begin(), text.end()}; }
std::string to_text(const protocol::bytes& b) { return {b.begin(), b.end()}; }

// One SaslAuthenticate round trip: our token out, the server's back, or its refusal.
awaitable<result<protocol::bytes>> authenticate(async_connection& conn, std::string_view token,
                                                std::chrono::milliseconds timeout) {
    auto version = conn.pick_version(protocol::api_key::sasl_authenticate);
    if (!version) co_return version.err();
    protocol::sasl_authenticate_request request;
    request.auth_bytes = to_bytes(token);
    auto answer = co_await conn.send<protocol::sasl_authenticate_api>(request, *version, timeout);
    if (!answer) co_return answer.err();
    if (answer->error_code != 0)
        co_return make_error(static_cast<error_code>(answer->error_code),
                             "authentication to " + conn.address() + " failed: " +
                                 answer->error_message.value_or("error " + std::to_string(answer->error_code)));
    co_return std::move(answer->auth_bytes);
}

}  // namespace

awaitable<result<void>> sasl_login(async_connection& conn, const sasl_credentials& credentials,
                                   std::chrono::milliseconds timeout) {
    auto scram = security::scram_mechanism_from_name(credentials.mechanism);
    if (!scram && credentials.mechanism != "PLAIN")
        co_return make_error(error_code::unsupported_sasl_mechanism,
                             "sasl.mechanism " + credentials.mechanism +
                                 " is not one this client speaks (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)");
    auto version = conn.pick_version(protocol::api_key::sasl_handshake);
    if (!version) co_return version.err();
    protocol::sasl_handshake_request hello;
    hello.mechanism = credentials.mechanism;
    auto handshake = co_await conn.send<protocol::sasl_handshake_api>(hello, *version, timeout);
    if (!handshake) co_return handshake.err();
    if (handshake->error_code != 0) {
        std::string offered;
        for (const auto& m : handshake->mechanisms) offered += (offered.empty() ? "" : ", ") + m;
        co_return make_error(static_cast<error_code>(handshake->error_code),
                             conn.address() + " does not accept SASL mechanism " + credentials.mechanism +
                                 (offered.empty() ? std::string() : " (it offers " + offered + ")"));
    }
    if (!scram) {
        // RFC 4616: authorization id (empty: the same), user, password, NUL-separated.
        std::string token = std::string(1, '\0') + credentials.username + '\0' + credentials.password;
        auto done = co_await authenticate(conn, token, timeout);
        if (!done) co_return done.err();
        co_return result<void>{};
    }
    security::scram_client client(*scram, credentials.username, credentials.password);
    auto server_first = co_await authenticate(conn, client.first(), timeout);
    if (!server_first) co_return server_first.err();
    auto client_final = client.final(to_text(server_first.value()));
    if (!client_final) co_return client_final.err();
    auto server_final = co_await authenticate(conn, client_final.value(), timeout);
    if (!server_final) co_return server_final.err();
    if (auto proven = client.verify(to_text(server_final.value())); !proven)
        co_return make_error(error_code::sasl_authentication_failed,
                             conn.address() + " did not prove it knows the SCRAM credential: " + proven.err().message);
    co_return result<void>{};
}

}  // namespace sluice::client
