#include "engine/security/scram.h"

#include <charconv>
#include <vector>

namespace sluice::security {

namespace {

constexpr std::size_t nonce_bytes = 24;

std::string random_nonce() {
    // Printable and free of ',' (RFC 5802's "printable" minus comma): base64 of random bytes qualifies.
    return base64_encode(random_bytes(nonce_bytes));
}

byte_string xor_bytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
    byte_string out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] ^ b[i];
    return out;
}

// "c=...,r=...,..." → the attributes in order. An item that is not "x=value" (a Kafka extension such as
// tokenauth=true) gets name '\0', so callers that check the leading attributes by name still refuse it there.
struct attribute {
    char name;
    std::string_view value;
};
std::optional<std::vector<attribute>> split_attributes(std::string_view text) {
    std::vector<attribute> out;
    while (true) {
        auto comma = text.find(',');
        auto item = text.substr(0, comma);
        if (item.size() < 2 || item[1] != '=')
            out.push_back({'\0', item});
        else
            out.push_back({item[0], item.substr(2)});
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

// saslname: ',' travels as "=2C" and '=' as "=3D"; any other '=' is malformed.
std::optional<std::string> decode_saslname(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
            continue;
        }
        auto code = text.substr(i + 1, 2);
        if (code == "2C")
            out += ',';
        else if (code == "3D")
            out += '=';
        else
            return std::nullopt;
        i += 2;
    }
    return out;
}

std::string encode_saslname(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == ',')
            out += "=2C";
        else if (c == '=')
            out += "=3D";
        else
            out += c;
    }
    return out;
}

byte_string to_bytes(std::string_view s) { return byte_string(s.begin(), s.end()); }

error malformed(std::string what) {
    return make_error(protocol::error_code::sasl_authentication_failed, "Invalid SCRAM message: " + std::move(what));
}

}  // namespace

std::optional<scram_mechanism> scram_mechanism_from_name(std::string_view name) {
    if (name == "SCRAM-SHA-256") return scram_mechanism::sha256;
    if (name == "SCRAM-SHA-512") return scram_mechanism::sha512;
    return std::nullopt;
}

std::optional<scram_mechanism> scram_mechanism_from_id(int8_t id) {
    if (id == 1) return scram_mechanism::sha256;
    if (id == 2) return scram_mechanism::sha512;
    return std::nullopt;
}

std::string_view scram_mechanism_name(scram_mechanism m) {
    return m == scram_mechanism::sha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-512";
}

digest scram_digest(scram_mechanism m) { return m == scram_mechanism::sha256 ? digest::sha256 : digest::sha512; }

byte_string scram_salted_password(scram_mechanism m, std::string_view password, std::span<const uint8_t> salt,
                                  int32_t iterations) {
    return pbkdf2(scram_digest(m), password, salt, iterations);
}

scram_credential scram_credential_from_salted(scram_mechanism m, std::span<const uint8_t> salted_password,
                                              byte_string salt, int32_t iterations) {
    auto d = scram_digest(m);
    auto client_key = hmac(d, salted_password, as_bytes("Client Key"));
    return scram_credential{std::move(salt), hash(d, client_key), hmac(d, salted_password, as_bytes("Server Key")),
                            iterations};
}

scram_credential make_scram_credential(scram_mechanism m, std::string_view password, byte_string salt,
                                       int32_t iterations) {
    auto salted = scram_salted_password(m, password, salt, iterations);
    return scram_credential_from_salted(m, salted, std::move(salt), iterations);
}

// ---- server ----

scram_server::scram_server(scram_mechanism mechanism, credential_lookup lookup, std::string server_nonce)
    : mechanism_(mechanism), lookup_(std::move(lookup)), server_nonce_(std::move(server_nonce)) {
    if (server_nonce_.empty()) server_nonce_ = random_nonce();
}

error scram_server::failed() const {
    // Kafka's wording, which clients show to their users.
    return make_error(protocol::error_code::sasl_authentication_failed,
                      "Authentication failed during authentication due to invalid credentials with SASL mechanism " +
                          std::string(scram_mechanism_name(mechanism_)));
}

result<sasl_step> scram_server::evaluate(std::span<const uint8_t> token) {
    std::string_view message(reinterpret_cast<const char*>(token.data()), token.size());
    switch (stage_) {
        case stage::client_first:
            return client_first(message);
        case stage::client_final:
            return client_final(message);
        case stage::done:
            break;
    }
    return make_error(protocol::error_code::illegal_sasl_state, "SCRAM authentication is already complete");
}

result<sasl_step> scram_server::client_first(std::string_view message) {
    stage_ = stage::done;  // any failure ends the exchange
    // gs2-header = ("n" | "y") "," [ "a=" authzid ] ","; channel binding ("p=") is not offered.
    if (message.size() < 3 || (message[0] != 'n' && message[0] != 'y') || message[1] != ',')
        return malformed("client-first-message must start with n, or y,");
    auto header_end = message.find(',', 2);
    if (header_end == std::string_view::npos) return malformed("no gs2 header");
    auto authzid_part = message.substr(2, header_end - 2);
    if (!authzid_part.empty() && !authzid_part.starts_with("a=")) return malformed("bad authzid");
    gs2_header_ = std::string(message.substr(0, header_end + 1));
    client_first_bare_ = std::string(message.substr(header_end + 1));
    // bare = "n=" saslname ",r=" nonce ["," extensions]; Kafka's extensions are key=value pairs of any
    // length (tokenauth=true for delegation tokens, which this broker does not issue).
    std::string_view bare = client_first_bare_;
    auto first_comma = bare.find(',');
    auto second_comma = first_comma == std::string_view::npos ? first_comma : bare.find(',', first_comma + 1);
    auto user_part = bare.substr(0, first_comma);
    auto nonce_part =
        first_comma == std::string_view::npos
            ? std::string_view{}
            : bare.substr(first_comma + 1, second_comma == std::string_view::npos ? std::string_view::npos
                                                                                  : second_comma - first_comma - 1);
    if (!user_part.starts_with("n=") || !nonce_part.starts_with("r=") || nonce_part.size() < 3)
        return malformed("client-first-message-bare must be n=...,r=...");
    auto user = decode_saslname(user_part.substr(2));
    if (!user || user->empty()) return malformed("bad user name");
    if (second_comma != std::string_view::npos &&
        bare.substr(second_comma).find("tokenauth=true") != std::string_view::npos)
        return failed();
    if (!authzid_part.empty()) {
        auto authzid = decode_saslname(authzid_part.substr(2));
        if (!authzid || *authzid != *user)
            return make_error(protocol::error_code::sasl_authentication_failed,
                              "Authentication failed: Client requested an authorization id that is different from "
                              "username");
    }
    auto credential = lookup_ ? lookup_(*user) : std::nullopt;
    if (!credential) return failed();
    user_ = *user;
    credential_ = std::move(*credential);
    nonce_ = std::string(nonce_part.substr(2)) + server_nonce_;
    server_first_ =
        "r=" + nonce_ + ",s=" + base64_encode(credential_.salt) + ",i=" + std::to_string(credential_.iterations);
    stage_ = stage::client_final;
    return sasl_step{to_bytes(server_first_), false, {}};
}

result<sasl_step> scram_server::client_final(std::string_view message) {
    stage_ = stage::done;
    auto proof_at = message.rfind(",p=");
    if (proof_at == std::string_view::npos) return malformed("client-final-message without a proof");
    auto without_proof = message.substr(0, proof_at);
    auto attrs = split_attributes(without_proof);
    if (!attrs || attrs->size() < 2 || (*attrs)[0].name != 'c' || (*attrs)[1].name != 'r')
        return malformed("client-final-message must be c=...,r=...,p=...");
    auto binding = base64_decode((*attrs)[0].value);
    if (!binding || std::string(binding->begin(), binding->end()) != gs2_header_)
        return malformed("channel binding does not match the gs2 header");
    // RFC 5802 wants the nonce echoed exactly; librdkafka (2.0.2 at least) sends its own nonce again in
    // front of it, and Kafka's ScramSaslServer accepts any nonce that ends with the server's, so we do too.
    // The proof covers the message as sent, so this loosens nothing an attacker could use.
    if (!(*attrs)[1].value.ends_with(nonce_)) return malformed("nonce mismatch");
    auto proof = base64_decode(message.substr(proof_at + 3));
    auto d = scram_digest(mechanism_);
    if (!proof || proof->size() != digest_size(d)) return failed();
    std::string auth_message = client_first_bare_ + "," + server_first_ + "," + std::string(without_proof);
    auto client_signature = hmac(d, credential_.stored_key, as_bytes(auth_message));
    auto client_key = xor_bytes(*proof, client_signature);
    if (!constant_time_equal(hash(d, client_key), credential_.stored_key)) return failed();
    auto server_signature = hmac(d, credential_.server_key, as_bytes(auth_message));
    return sasl_step{to_bytes("v=" + base64_encode(server_signature)), true, user_};
}

// ---- client ----

scram_client::scram_client(scram_mechanism mechanism, std::string user, std::string password, std::string client_nonce)
    : mechanism_(mechanism), user_(std::move(user)), password_(std::move(password)), nonce_(std::move(client_nonce)) {
    if (nonce_.empty()) nonce_ = random_nonce();
}

std::string scram_client::first() {
    client_first_bare_ = "n=" + encode_saslname(user_) + ",r=" + nonce_;
    return "n,," + client_first_bare_;
}

result<std::string> scram_client::final(std::string_view server_first) {
    auto attrs = split_attributes(server_first);
    if (!attrs || attrs->size() < 3 || (*attrs)[0].name != 'r' || (*attrs)[1].name != 's' || (*attrs)[2].name != 'i')
        return malformed("server-first-message must be r=...,s=...,i=...");
    auto nonce = (*attrs)[0].value;
    if (!nonce.starts_with(nonce_) || nonce.size() == nonce_.size()) return malformed("server nonce");
    auto salt = base64_decode((*attrs)[1].value);
    int32_t iterations = 0;
    auto digits = (*attrs)[2].value;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), iterations);
    if (!salt || ec != std::errc{} || ptr != digits.data() + digits.size() || iterations < 1)
        return malformed("salt or iterations");
    auto d = scram_digest(mechanism_);
    auto salted = scram_salted_password(mechanism_, password_, *salt, iterations);
    auto client_key = hmac(d, salted, as_bytes("Client Key"));
    auto stored_key = hash(d, client_key);
    std::string without_proof = "c=" + base64_encode(as_bytes("n,,")) + ",r=" + std::string(nonce);
    std::string auth_message = client_first_bare_ + "," + std::string(server_first) + "," + without_proof;
    auto client_signature = hmac(d, stored_key, as_bytes(auth_message));
    auto server_key = hmac(d, salted, as_bytes("Server Key"));
    server_signature_ = hmac(d, server_key, as_bytes(auth_message));
    return without_proof + ",p=" + base64_encode(xor_bytes(client_key, client_signature));
}

result<void> scram_client::verify(std::string_view server_final) const {
    if (server_final.starts_with("e="))
        return make_error(protocol::error_code::sasl_authentication_failed,
                          "the server refused: " + std::string(server_final.substr(2)));
    if (!server_final.starts_with("v=")) return malformed("server-final-message");
    auto signature = base64_decode(server_final.substr(2));
    if (!signature || !constant_time_equal(*signature, server_signature_))
        return make_error(protocol::error_code::sasl_authentication_failed,
                          "the server's signature is wrong: it does not know this user's credential");
    return {};
}

}  // namespace sluice::security
