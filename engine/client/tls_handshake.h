// The client side of a TLS handshake, with the failure said as a person can act on it: which certificate
// check failed (expired, not for this host, signed by an unknown CA), or that the peer does not speak TLS.
#pragma once
#include <string>

#include "engine/common/asio_ssl.h"
#include "engine/common/result.h"

namespace sluice::client {

using tls_stream = boost::asio::ssl::stream<tcp::socket&>;

// Sends SNI for a host name, checks the certificate against `host` (a name, or an IP address literal) when
// verify_host, and shakes hands. A failure is NETWORK_EXCEPTION whose message starts "TLS handshake with".
awaitable<result<void>> tls_handshake(tls_stream& stream, const std::string& host, const std::string& address,
                                      bool verify_host);

// A TLS error on a connection whose handshake seemed done, in the same words: with TLS 1.3 the server checks
// the client's certificate after the client finished, so "certificate required" arrives on the first read.
bool is_tls_error(const boost::system::error_code& ec);
std::string tls_failure(const std::string& address, const boost::system::error_code& ec);

}  // namespace sluice::client
