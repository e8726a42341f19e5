#include "engine/security/local_ca.h"

#include <arpa/inet.h>
#include <openssl/err.h>

#include <algorithm>
#include <ctime>

#include "engine/security/crypto.h"
#include "engine/security/pem.h"
#include "engine/security/private_file.h"

namespace sluice::security {

namespace {

error bad(std::string why) { return make_error(protocol::error_code::invalid_config, std::move(why)); }
error ssl_failure(const std::string& what) { return bad(what + ": " + openssl_error()); }

constexpr long renew_before_seconds = 30L * 24 * 3600;

bool is_ip_address(const std::string& host) {
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

pkey_ptr make_p256_key() { return pkey_ptr(EVP_EC_gen("P-256")); }

// A random positive 127-bit serial, as RFC 5280 asks (unique per issuer, at most 20 octets).
bool set_random_serial(X509* cert) {
    auto bytes = random_bytes(16);
    bytes[0] &= 0x7f;
    bignum_ptr bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    return bn && BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr;
}

x509_name_ptr make_name(std::string_view common_name) {
    x509_name_ptr name(X509_NAME_new());
    std::string cn(common_name);
    if (!name ||
        X509_NAME_add_entry_by_txt(name.get(), "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Sluice"), -1,
                                   -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()),
                                   -1, -1, 0) != 1)
        return nullptr;
    return name;
}

// Extensions in OpenSSL's config syntax, with `issuer` for the authority key identifier.
bool add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    x509_extension_ptr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

struct extension {
    int nid;
    std::string value;
};

// One certificate: version 3, random serial, an hour of clock skew allowed, `days` long.
result<x509_ptr> build_certificate(EVP_PKEY* subject_key, std::string_view common_name, X509* issuer,
                                   EVP_PKEY* issuer_key, int days, const std::vector<extension>& extensions) {
    if (days < 1) return bad("a certificate must be valid for at least one day");
    x509_ptr cert(X509_new());
    auto subject = make_name(common_name);
    if (!cert || !subject || X509_set_version(cert.get(), 2) != 1 || !set_random_serial(cert.get()) ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert.get()), days, 0, nullptr) ||
        X509_set_subject_name(cert.get(), subject.get()) != 1 ||
        X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : subject.get()) != 1 ||
        X509_set_pubkey(cert.get(), subject_key) != 1)
        return ssl_failure("cannot build the certificate for " + std::string(common_name));
    for (const auto& e : extensions)
        if (!add_extension(cert.get(), issuer ? issuer : cert.get(), e.nid, e.value))
            return ssl_failure("cannot add the extension " + std::string(OBJ_nid2sn(e.nid)) + "=" + e.value);
    if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0)
        return ssl_failure("cannot sign the certificate for " + std::string(common_name));
    return cert;
}

std::string san_text(const certificate_hosts& hosts) {
    std::string out;
    for (const auto& ip : hosts.ip_addresses) out += (out.empty() ? "IP:" : ",IP:") + ip;
    for (const auto& dns : hosts.dns_names) out += (out.empty() ? "DNS:" : ",DNS:") + dns;
    return out;
}

// The keystore's key belongs to its first certificate.
bool key_matches(const std::string& keystore_pem) {
    auto certs = read_certificates(keystore_pem);
    auto key = read_private_key(keystore_pem);
    bool ok = !certs.empty() && key && X509_check_private_key(certs.front().get(), key.get()) == 1;
    ERR_clear_error();
    return ok;
}

}  // namespace

bool is_wildcard_host(std::string_view host) { return host.empty() || host == "0.0.0.0" || host == "::"; }

void certificate_hosts::add(const std::string& host) {
    if (is_wildcard_host(host)) return;
    auto& list = is_ip_address(host) ? ip_addresses : dns_names;
    if (std::find(list.begin(), list.end(), host) == list.end()) list.push_back(host);
}

result<key_and_certificate> make_local_ca(std::string_view common_name, int days) {
    auto key = make_p256_key();
    if (!key) return ssl_failure("cannot generate an EC P-256 key");
    auto cert = build_certificate(key.get(), common_name, nullptr, key.get(), days,
                                  {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                   {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                   {NID_subject_key_identifier, "hash"},
                                   {NID_authority_key_identifier, "keyid:always"}});
    if (!cert) return cert.err();
    return key_and_certificate{private_key_pem(key.get()), certificate_pem(cert.value().get())};
}

result<key_and_certificate> make_node_certificate(const key_and_certificate& ca, std::string_view common_name,
                                                  const certificate_hosts& hosts, int days) {
    auto ca_certs = read_certificates(ca.certificate_pem);
    auto ca_key = read_private_key(ca.key_pem);
    if (ca_certs.empty() || !ca_key) return bad("the CA's certificate or key is not readable PEM");
    if (X509_check_private_key(ca_certs.front().get(), ca_key.get()) != 1) {
        ERR_clear_error();
        return bad("the CA's key does not match its certificate");
    }
    if (hosts.ip_addresses.empty() && hosts.dns_names.empty()) return bad("a node certificate needs a host name");
    auto key = make_p256_key();
    if (!key) return ssl_failure("cannot generate an EC P-256 key");
    auto cert = build_certificate(key.get(), common_name, ca_certs.front().get(), ca_key.get(), days,
                                  {{NID_basic_constraints, "critical,CA:FALSE"},
                                   {NID_key_usage, "critical,digitalSignature"},
                                   {NID_ext_key_usage, "serverAuth,clientAuth"},
                                   {NID_subject_key_identifier, "hash"},
                                   {NID_authority_key_identifier, "keyid:always"},
                                   {NID_subject_alt_name, san_text(hosts)}});
    if (!cert) return cert.err();
    return key_and_certificate{private_key_pem(key.get()), certificate_pem(cert.value().get())};
}

result<void> check_node_certificate(const std::string& ca_pem, const std::string& certificate_pem,
                                    const certificate_hosts& hosts) {
    auto cas = read_certificates(ca_pem);
    auto chain = read_certificates(certificate_pem);
    if (cas.empty()) return bad("no CA certificate");
    if (chain.empty()) return bad("no node certificate");
    x509_store_ptr store(X509_STORE_new());
    x509_store_ctx_ptr ctx(X509_STORE_CTX_new());
    if (!store || !ctx || X509_STORE_add_cert(store.get(), cas.front().get()) != 1 ||
        X509_STORE_CTX_init(ctx.get(), store.get(), chain.front().get(), nullptr) != 1)
        return ssl_failure("cannot set up certificate verification");
    // The purpose checks the node's extended key usage as a TLS server would need it.
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    if (X509_verify_cert(ctx.get()) != 1)
        return bad(std::string("the node certificate does not verify against the CA: ") +
                   X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
    std::time_t soon = std::time(nullptr) + renew_before_seconds;
    if (X509_cmp_time(X509_get0_notAfter(chain.front().get()), &soon) <= 0)
        return bad("the node certificate expires within 30 days");
    for (const auto& ip : hosts.ip_addresses)
        if (X509_check_ip_asc(chain.front().get(), ip.c_str(), 0) != 1)
            return bad("the node certificate is not valid for " + ip);
    for (const auto& dns : hosts.dns_names)
        if (X509_check_host(chain.front().get(), dns.c_str(), dns.size(), 0, nullptr) != 1)
            return bad("the node certificate is not valid for " + dns);
    return {};
}

local_ca_files::local_ca_files(const std::filesystem::path& dir)
    : ca_certificate(dir / "ca.pem"), ca_key(dir / "ca.key"), node_keystore(dir / "node.pem") {}

result<local_ca_state> ensure_local_ca(const std::filesystem::path& dir, const certificate_hosts& hosts) {
    if (auto ok = make_private_directory(dir); !ok) return ok.err();
    local_ca_state state{local_ca_files(dir)};
    const auto& files = state.files;
    auto cert_text = read_private_file(files.ca_certificate);
    if (!cert_text) return cert_text.err();
    auto key_text = read_private_file(files.ca_key);
    if (!key_text) return key_text.err();
    key_and_certificate ca;
    if (cert_text.value() && key_text.value()) {
        ca = {std::move(*key_text.value()), std::move(*cert_text.value())};
        auto certs = read_certificates(ca.certificate_pem);
        auto key = read_private_key(ca.key_pem);
        if (certs.empty() || !key || X509_check_private_key(certs.front().get(), key.get()) != 1) {
            ERR_clear_error();
            return bad(files.ca_key.string() + " and " + files.ca_certificate.string() +
                       " are not a CA key and its certificate: restore them, or remove both to make a new CA "
                       "(clients must then trust the new " +
                       files.ca_certificate.filename().string() + ")");
        }
    } else if (cert_text.value() || key_text.value()) {
        const auto& missing = cert_text.value() ? files.ca_key : files.ca_certificate;
        return bad(missing.string() +
                   " is missing while its pair is there: restore it, or remove both to make a "
                   "new CA (clients must then trust the new " +
                   files.ca_certificate.filename().string() + ")");
    } else {
        auto made = make_local_ca("Sluice local CA");
        if (!made) return made.err();
        ca = std::move(made.value());
        // The key first: a certificate without its key would be refused on the next start.
        if (auto ok = write_private_file(files.ca_key, ca.key_pem); !ok) return ok.err();
        if (auto ok = write_private_file(files.ca_certificate, ca.certificate_pem, world_readable); !ok)
            return ok.err();
        state.ca_created = true;
    }

    auto keystore = read_private_file(files.node_keystore);
    if (!keystore) return keystore.err();
    if (!state.ca_created && keystore.value() && check_node_certificate(ca.certificate_pem, *keystore.value(), hosts) &&
        key_matches(*keystore.value()))
        return state;
    auto node = make_node_certificate(ca, "localhost", hosts);
    if (!node) return node.err();
    if (auto ok = write_private_file(files.node_keystore, node->key_pem + node->certificate_pem + ca.certificate_pem);
        !ok)
        return ok.err();
    state.node_issued = true;
    return state;
}

}  // namespace sluice::security
