#include "engine/security/tls_context.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <sstream>

#include "engine/security/pem.h"

namespace sluice::security {

namespace {

error bad(std::string why) { return make_error(protocol::error_code::invalid_config, std::move(why)); }

result<std::string> read_file(const std::string& config, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return bad(config + ": cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

result<void> use_keystore(SSL_CTX* ctx, const tls_settings& s) {
    if (!s.keystore_type.empty() && s.keystore_type != "PEM")
        return bad("ssl.keystore.type " + s.keystore_type + " is not supported: only PEM");
    std::string key_pem, chain_pem;
    if (!s.keystore_location.empty()) {
        auto content = read_file("ssl.keystore.location", s.keystore_location);
        if (!content) return content.err();
        key_pem = chain_pem = content.value();
    } else {
        key_pem = s.keystore_key;
        chain_pem = s.keystore_certificate_chain;
    }
    auto key = read_private_key(key_pem, s.key_password);
    if (!key)
        return bad(
            "ssl.keystore: no usable private key (" + openssl_error() +
            (s.key_password.empty() ? "; an encrypted key needs ssl.key.password)" : "; is ssl.key.password right?)"));
    auto chain = read_certificates(chain_pem);
    if (chain.empty()) return bad("ssl.keystore: no certificate in the certificate chain");
    if (SSL_CTX_use_certificate(ctx, chain.front().get()) != 1)
        return bad("ssl.keystore: cannot use the certificate: " + openssl_error());
    for (std::size_t i = 1; i < chain.size(); ++i)
        if (SSL_CTX_add1_chain_cert(ctx, chain[i].get()) != 1)
            return bad("ssl.keystore: cannot add a chain certificate: " + openssl_error());
    if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1)
        return bad("ssl.keystore: the private key does not match the certificate: " + openssl_error());
    return {};
}

result<bool> use_truststore(SSL_CTX* ctx, const tls_settings& s) {
    if (s.truststore_location.empty() && s.truststore_certificates.empty()) return false;
    if (!s.truststore_type.empty() && s.truststore_type != "PEM")
        return bad("ssl.truststore.type " + s.truststore_type + " is not supported: only PEM");
    std::string pem = s.truststore_certificates;
    if (!s.truststore_location.empty()) {
        auto content = read_file("ssl.truststore.location", s.truststore_location);
        if (!content) return content.err();
        pem = content.value();
    }
    auto certs = read_certificates(pem);
    if (certs.empty()) return bad("ssl.truststore: no PEM certificate found");
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    for (const auto& cert : certs)
        if (X509_STORE_add_cert(store, cert.get()) != 1) return bad("ssl.truststore: " + openssl_error());
    return true;
}

result<void> use_protocols(SSL_CTX* ctx, const tls_settings& s) {
    bool v12 = false, v13 = false;
    for (const auto& p : s.enabled_protocols) {
        if (p == "TLSv1.2")
            v12 = true;
        else if (p == "TLSv1.3")
            v13 = true;
        else
            return bad("ssl.enabled.protocols: " + p + " is not supported (TLSv1.2 and TLSv1.3 only)");
    }
    if (!v12 && !v13) return bad("ssl.enabled.protocols: enable TLSv1.2 or TLSv1.3");
    SSL_CTX_set_min_proto_version(ctx, v12 ? TLS1_2_VERSION : TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(ctx, v13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    return {};
}

}  // namespace

result<std::shared_ptr<tls_context>> make_server_tls_context(const tls_settings& settings) {
    auto ctx = std::make_shared<tls_context>(tls_context::tls_server);
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (auto ok = use_protocols(native, settings); !ok) return ok.err();
    if (settings.keystore_location.empty() && settings.keystore_key.empty())
        return bad(
            "a TLS listener needs ssl.keystore.location (or ssl.keystore.key and ssl.keystore.certificate.chain)");
    if (auto ok = use_keystore(native, settings); !ok) return ok.err();
    auto trusted = use_truststore(native, settings);
    if (!trusted) return trusted.err();
    switch (settings.client_authentication) {
        case client_auth::none:
            SSL_CTX_set_verify(native, SSL_VERIFY_NONE, nullptr);
            break;
        case client_auth::requested:
            SSL_CTX_set_verify(native, SSL_VERIFY_PEER, nullptr);
            break;
        case client_auth::required:
            if (!trusted.value())
                return bad("ssl.client.auth=required needs ssl.truststore.location to verify clients");
            SSL_CTX_set_verify(native, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
            break;
    }
    // Session resumption across connections is not offered (no session cache shared between listeners).
    SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(native, 0);
    return ctx;
}

result<std::shared_ptr<tls_context>> make_client_tls_context(const tls_settings& settings) {
    auto ctx = std::make_shared<tls_context>(tls_context::tls_client);
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    if (auto ok = use_protocols(native, settings); !ok) return ok.err();
    if (!settings.keystore_location.empty() || !settings.keystore_key.empty())
        if (auto ok = use_keystore(native, settings); !ok) return ok.err();
    auto trusted = use_truststore(native, settings);
    if (!trusted) return trusted.err();
    if (!trusted.value()) SSL_CTX_set_default_verify_paths(native);
    SSL_CTX_set_verify(native, SSL_VERIFY_PEER, nullptr);
    return ctx;
}

std::optional<std::string> peer_subject(SSL* ssl) {
    X509* cert = SSL_get0_peer_certificate(ssl);
    if (!cert) return std::nullopt;
    bio_ptr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 order and escaping, but UTF-8 left as it is (Java shows the characters, not \XX escapes).
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace sluice::security
