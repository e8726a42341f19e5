// PEM text in and out of OpenSSL objects: certificates, private keys, and the last OpenSSL error as text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/security/openssl_ptr.h"

namespace sluice::security {

// Every certificate in `pem`, in order (none when there is none).
std::vector<x509_ptr> read_certificates(std::string_view pem);
// The first private key in `pem`; an encrypted key needs `password`. Null when there is none.
pkey_ptr read_private_key(std::string_view pem, const std::string& password = {});

std::string certificate_pem(X509* cert);
// Unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), as Kafka's PEM keystores take it: keep it in a private file.
std::string private_key_pem(EVP_PKEY* key);

// The oldest queued OpenSSL error as text (the queue is cleared), or "unknown OpenSSL error".
std::string openssl_error();

}  // namespace sluice::security
