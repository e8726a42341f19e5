// An asynchronous Kafka connection on the caller's executor: connects (over TLS and/or with a SASL login when
// its options say so), negotiates versions with ApiVersions, and pipelines requests (one writer queue, one reader
// matching responses in order), each with its own deadline.
//
// Threading: everything runs on the executor given to open(), which must not run handlers concurrently
// (an io_context run by one thread, or a strand); call the member functions from that executor. The
// connection starts no threads. Errors are values (Kafka error codes), never exceptions:
//  - a request past its deadline fails with REQUEST_TIMED_OUT, and, since the stream cannot be resynchronised,
//    the connection closes and every other request in flight fails with NETWORK_EXCEPTION (as Kafka's clients do);
//  - a peer that closes, a failed write, a malformed or out-of-order response, close() or the destructor fail
//    every pending request with NETWORK_EXCEPTION (CORRUPT_MESSAGE for a malformed frame);
//  - with connection_options::link, a cut of that link counts as a peer that closed.
// Awaitables returned by send() keep the connection's state alive, so destroying the connection while requests
// are pending is safe: they complete with NETWORK_EXCEPTION.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "engine/client/client_security.h"
#include "engine/client/client_versions.h"
#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/net/link_faults.h"
#include "engine/protocol/schema.h"

namespace sluice::client {

struct connection_options {
    std::string client_id = "sluice";
    // Bounds resolving, connecting and the ApiVersions exchange, each.
    std::chrono::milliseconds connect_timeout{5000};
    // A response frame larger than this closes the connection (CORRUPT_MESSAGE).
    int32_t max_response_bytes = 256 << 20;
    // A node's connection to a peer node, in a cluster with fault injection (tests): the link's faults apply
    // to it — a cut fails connecting and closes the connection at once (NETWORK_EXCEPTION for everything in
    // flight), a delay holds each request before it is written, a lost request is never written and times out.
    std::optional<net::link> link;
    // TLS and/or SASL, per security.protocol: the TLS handshake follows the TCP connect, the SASL login the
    // version negotiation; open() fails with what went wrong in either (tls_handshake.h, sasl_login.h).
    client_security security;
};

class async_connection {
public:
    struct state;  // socket, queues, in-flight requests: private to async_connection.cpp

    // host:port, e.g. "127.0.0.1:9092". Resolves, connects and negotiates versions (ApiVersions v3, falling
    // back to the broker's highest, down to v0, on UNSUPPORTED_VERSION as KIP-511 describes).
    static awaitable<result<std::unique_ptr<async_connection>>> open(asio::any_io_executor executor,
                                                                     std::string address,
                                                                     connection_options options);
    // With default options. (An overload, not a default argument: GCC 12 destroys a default argument's
    // temporary twice when the call sits in a co_await expression.)
    static awaitable<result<std::unique_ptr<async_connection>>> open(asio::any_io_executor executor,
                                                                     std::string address);
    explicit async_connection(std::shared_ptr<state> s);  // use open()
    ~async_connection();  // close()
    async_connection(const async_connection&) = delete;
    async_connection& operator=(const async_connection&) = delete;

    // Sends one request body (without header) and returns the response body (without header). The frame is
    // queued now; the deadline runs from when the returned awaitable starts.
    awaitable<result<protocol::bytes>> send_raw(protocol::api_key key, int16_t version, protocol::bytes body,
                                                std::chrono::milliseconds timeout);
    // Queues a request that gets no response (Produce with acks=0). Fails only when the connection is closed;
    // a later write failure closes the connection and fails what is pending then.
    result<void> send_raw_no_response(protocol::api_key key, int16_t version, protocol::bytes body);

    template <class Api>
    awaitable<result<typename Api::response>> send(const typename Api::request& request, int16_t version,
                                                   std::chrono::milliseconds timeout) {
        // Encoded here, before the awaitable starts, so the request may be a temporary.
        return decode_reply<typename Api::response>(send_raw(Api::key, version, encode(request, Api::key, version), timeout),
                                                    Api::key, version);
    }
    template <class Api>
    result<void> send_no_response(const typename Api::request& request, int16_t version) {
        return send_raw_no_response(Api::key, version, encode(request, Api::key, version));
    }

    // The version to speak: the highest in both the broker's range and client_versions(); an error
    // (UNSUPPORTED_VERSION) when the broker does not serve the API or the ranges do not overlap.
    result<int16_t> pick_version(protocol::api_key key) const;
    // The broker's advertised range for `key`, if it serves it.
    std::optional<version_range> broker_versions(protocol::api_key key) const;
    // The ApiVersions version the broker answered during negotiation.
    int16_t api_versions_version() const;

    // Closes the socket and fails every pending request with NETWORK_EXCEPTION. Idempotent.
    void close();
    bool is_open() const;
    // Requests written or queued that wait for a response.
    std::size_t in_flight() const;
    const std::string& address() const;
    asio::any_io_executor get_executor() const;

private:
    template <class Message>
    static protocol::bytes encode(const Message& message, protocol::api_key key, int16_t version) {
        protocol::bytes body;
        protocol::encode_message(message, context(key, version), body);
        return body;
    }
    template <class Response>
    static awaitable<result<Response>> decode_reply(awaitable<result<protocol::bytes>> reply, protocol::api_key key,
                                                    int16_t version) {
        auto body = co_await std::move(reply);
        if (!body) co_return body.err();
        Response response;
        if (!protocol::decode_message(response, body.value(), context(key, version))) co_return malformed(key, version);
        co_return response;
    }
    static protocol::codec_context context(protocol::api_key key, int16_t version);
    static error malformed(protocol::api_key key, int16_t version);

    std::shared_ptr<state> state_;
};

}  // namespace sluice::client
