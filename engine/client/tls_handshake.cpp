#include "engine/client/tls_handshake.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace sluice::client {

namespace {

// The certificate check that failed, in the words of what to fix; empty when verification passed.
std::string verify_failure(long verify, const std::string& host) {
    switch (verify) {
        case X509_V_OK:
            return {};
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return "the server's certificate has expired";
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return "the server's certificate is not valid yet (check the clocks)";
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return "the server's certificate is not for " + host +
                   " (wrong host: connect by a name the certificate lists, or fix its subjectAltName)";
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            return "the server's certificate is signed by an unknown CA (add its CA to the trust store)";
        default:
            return std::string("the server's certificate failed verification: ") +
                   X509_verify_cert_error_string(verify);
    }
}

// What a failed handshake with a certificate that verified (or was never seen) means.
std::string handshake_failure(const boost::system::error_code& ec) {
    if (ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::ssl::error::stream_truncated)
        return "the server closed the connection during the handshake (is it a TLS listener?)";
    if (ec.category() == asio::error::get_ssl_category()) {
        switch (ERR_GET_REASON(static_cast<unsigned long>(ec.value()))) {
            case SSL_R_WRONG_VERSION_NUMBER:
            case SSL_R_PACKET_LENGTH_TOO_LONG:
                return "the server does not speak TLS (a PLAINTEXT or SASL_PLAINTEXT listener?)";
            case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
                return "the server requires a client certificate (ssl.client.auth=required): set a key store";
            case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
            case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
            case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
                return "the server refused our client certificate (its CA is not in the server's trust store)";
            case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
            case SSL_R_UNSUPPORTED_PROTOCOL:
                return "no TLS version in common (ssl.enabled.protocols)";
            default:
                break;
        }
    }
    return ec.message();
}

}  // namespace

bool is_tls_error(const boost::system::error_code& ec) { return ec.category() == asio::error::get_ssl_category(); }

std::string tls_failure(const std::string& address, const boost::system::error_code& ec) {
    return "TLS handshake with " + address + " failed: " + handshake_failure(ec);
}

awaitable<result<void>> tls_handshake(tls_stream& stream, const std::string& host, const std::string& address,
                                      bool verify_host) {
    SSL* ssl = stream.native_handle();
    boost::system::error_code not_ip;
    (void)asio::ip::make_address(host, not_ip);
    if (not_ip) SSL_set_tlsext_host_name(ssl, host.c_str());  // SNI carries names only
    if (verify_host) {
        X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
        if (!not_ip) {
            X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
        } else {
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
        }
    }
    boost::system::error_code ec;
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) co_return result<void>{};
    std::string why = verify_failure(SSL_get_verify_result(ssl), host);
    if (why.empty()) why = handshake_failure(ec);
    co_return make_error(protocol::error_code::network_exception, "TLS handshake with " + address + " failed: " + why);
}

}  // namespace sluice::client
