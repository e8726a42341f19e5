// Owning pointers to OpenSSL objects: one unique_ptr alias per type, freed by OpenSSL's own *_free.
#pragma once
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string_view>

namespace sluice::security {

template <typename T, void (*Free)(T*)>
struct openssl_deleter {
    void operator()(T* p) const { Free(p); }
};

template <typename T, void (*Free)(T*)>
using openssl_ptr = std::unique_ptr<T, openssl_deleter<T, Free>>;

// BIO_free returns an int, so it needs a void wrapper to fit the deleter.
inline void bio_free(BIO* b) { BIO_free(b); }

using bio_ptr = openssl_ptr<BIO, bio_free>;
using bignum_ptr = openssl_ptr<BIGNUM, BN_free>;
using pkey_ptr = openssl_ptr<EVP_PKEY, EVP_PKEY_free>;
using pkey_ctx_ptr = openssl_ptr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using x509_ptr = openssl_ptr<X509, X509_free>;
using x509_name_ptr = openssl_ptr<X509_NAME, X509_NAME_free>;
using x509_extension_ptr = openssl_ptr<X509_EXTENSION, X509_EXTENSION_free>;
using x509_store_ptr = openssl_ptr<X509_STORE, X509_STORE_free>;
using x509_store_ctx_ptr = openssl_ptr<X509_STORE_CTX, X509_STORE_CTX_free>;

// A read-only memory BIO over `data`, which must outlive it.
inline bio_ptr memory_bio(std::string_view data) {
    return bio_ptr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

}  // namespace sluice::security
