#include "engine/security/pem.h"

#include <openssl/err.h>
#include <openssl/pem.h>

namespace sluice::security {

namespace {
int password_callback(char* buffer, int size, int, void* user) {
    const auto* password = static_cast<const std::string*>(user);
    if (!password || password->empty() || static_cast<int>(password->size()) > size) return -1;
    password->copy(buffer, password->size());
    return static_cast<int>(password->size());
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}
}  // namespace

std::vector<x509_ptr> read_certificates(std::string_view pem) {
    std::vector<x509_ptr> out;
    auto bio = memory_bio(pem);
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert);
    ERR_clear_error();  // the loop ends on "no start line"
    return out;
}

pkey_ptr read_private_key(std::string_view pem, const std::string& password) {
    auto bio = memory_bio(pem);
    return pkey_ptr(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, &password_callback, const_cast<std::string*>(&password)));
}

std::string certificate_pem(X509* cert) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(bio.get(), cert) != 1) return {};
    return bio_text(bio.get());
}

std::string private_key_pem(EVP_PKEY* key) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) return {};
    return bio_text(bio.get());
}

std::string openssl_error() {
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

}  // namespace sluice::security
