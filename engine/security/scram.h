// SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) as Kafka uses them: the mechanisms with Kafka's
// numbering, the salted credential a server keeps instead of the password, and both ends of the exchange
// (the client for the nodes' own connections and tests).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "engine/security/sasl_server.h"

namespace sluice::security {

// Kafka's ScramMechanism ids, as DescribeUserScramCredentials and the metadata records carry them.
enum class scram_mechanism : int8_t { sha256 = 1, sha512 = 2 };

std::optional<scram_mechanism> scram_mechanism_from_name(std::string_view name);  // "SCRAM-SHA-256"
std::optional<scram_mechanism> scram_mechanism_from_id(int8_t id);
std::string_view scram_mechanism_name(scram_mechanism m);
digest scram_digest(scram_mechanism m);

// Kafka accepts 4096..16384 iterations.
inline constexpr int32_t scram_min_iterations = 4096;
inline constexpr int32_t scram_max_iterations = 16384;

// What the server stores for one user and mechanism: enough to verify a proof and to prove itself,
// never enough to log in as the user.
struct scram_credential {
    byte_string salt;
    byte_string stored_key;
    byte_string server_key;
    int32_t iterations = scram_min_iterations;
    friend bool operator==(const scram_credential&, const scram_credential&) = default;
};

byte_string scram_salted_password(scram_mechanism m, std::string_view password, std::span<const uint8_t> salt,
                                  int32_t iterations);
scram_credential scram_credential_from_salted(scram_mechanism m, std::span<const uint8_t> salted_password,
                                              byte_string salt, int32_t iterations);
scram_credential make_scram_credential(scram_mechanism m, std::string_view password, byte_string salt,
                                       int32_t iterations);

// The server's half: client-first → server-first, client-final → server-final. `lookup` finds a user's
// credential (nullopt: unknown user). The nonce part is random unless given (tests use RFC 7677's).
class scram_server final : public sasl_server {
public:
    using credential_lookup = std::function<std::optional<scram_credential>(const std::string& user)>;
    scram_server(scram_mechanism mechanism, credential_lookup lookup, std::string server_nonce = {});
    result<sasl_step> evaluate(std::span<const uint8_t> token) override;

private:
    result<sasl_step> client_first(std::string_view message);
    result<sasl_step> client_final(std::string_view message);
    error failed() const;

    enum class stage { client_first, client_final, done };
    scram_mechanism mechanism_;
    credential_lookup lookup_;
    std::string server_nonce_;
    stage stage_ = stage::client_first;
    std::string user_;
    std::string gs2_header_;
    std::string client_first_bare_;
    std::string server_first_;
    std::string nonce_;
    scram_credential credential_;
};

// The client's half, for our own connections: first() then final(server_first), then verify(server_final).
class scram_client {
public:
    scram_client(scram_mechanism mechanism, std::string user, std::string password, std::string client_nonce = {});
    std::string first();
    result<std::string> final(std::string_view server_first);
    result<void> verify(std::string_view server_final) const;

private:
    scram_mechanism mechanism_;
    std::string user_;
    std::string password_;
    std::string nonce_;
    std::string client_first_bare_;
    byte_string server_signature_;
};

}  // namespace sluice::security
