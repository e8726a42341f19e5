// OpenSSL 3 contexts from tls_settings, through Boost.Asio's ssl::context: PEM key/chain (file or inline,
// encrypted keys with ssl.key.password), a PEM trust store, TLS 1.2/1.3 only, client authentication.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "engine/common/asio_ssl.h"
#include "engine/common/result.h"
#include "engine/security/tls_settings.h"

namespace sluice::security {

using tls_context = boost::asio::ssl::context;

// A server context: the keystore is required. INVALID_CONFIG (naming the setting) on anything wrong.
result<std::shared_ptr<tls_context>> make_server_tls_context(const tls_settings& settings);
// A client context: a keystore is optional (mTLS), the trust store verifies the server.
result<std::shared_ptr<tls_context>> make_client_tls_context(const tls_settings& settings);

// The verified peer certificate's subject in RFC 2253 order (most specific first, as Java prints it:
// "CN=alice,OU=eng,O=Sluice"), or nullopt when the peer sent none.
std::optional<std::string> peer_subject(SSL* ssl);

}  // namespace sluice::security
