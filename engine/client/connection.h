// A blocking Kafka connection for worker threads: connects, negotiates API versions with ApiVersions, and
// sends typed requests with a deadline. Never blocks forever: every call ends by its timeout.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "engine/client/client_versions.h"
#include "engine/common/asio.h"
#include "engine/common/result.h"
#include "engine/protocol/header.h"
#include "engine/protocol/schema.h"

namespace sluice::client {

class connection {
public:
    // host:port, e.g. "127.0.0.1:9092".
    static result<std::unique_ptr<connection>> open(const std::string& address, std::chrono::milliseconds timeout,
                                                    std::string client_id = "sluice");
    connection(const std::string& client_id, std::chrono::milliseconds timeout);
    ~connection();

    // The version to speak: the highest both sides support, capped at `ours_max`; error if no overlap.
    result<int16_t> pick_version(protocol::api_key key, int16_t ours_min, int16_t ours_max) const;

    // Sends a request and waits for its response (no response is read when `expect_response` is false).
    template <class Api>
    result<typename Api::response> send(const typename Api::request& request, int16_t version) {
        const auto* api = protocol::find_api(static_cast<int16_t>(Api::key));
        protocol::codec_context context{version, protocol::is_flexible(*api, version)};
        protocol::bytes body;
        protocol::encode_message(request, context, body);
        auto reply = round_trip(static_cast<int16_t>(Api::key), version, body, true);
        if (!reply) return reply.err();
        typename Api::response response;
        if (!protocol::decode_message(response, reply.value(), context))
            return make_error(protocol::error_code::corrupt_message,
                              std::string("malformed ") + std::string(api->name) + " response");
        return response;
    }

    const std::string& address() const { return address_; }

private:
    result<void> connect(const std::string& address);
    result<protocol::bytes> round_trip(int16_t key, int16_t version, const protocol::bytes& body, bool expect_response);
    result<void> negotiate_versions();
    // Runs the io_context until `done` or the deadline; closes the socket on timeout.
    bool run_until(const bool& done);

    asio::io_context io_;
    tcp::socket socket_{io_};
    std::string client_id_;
    std::string address_;
    std::chrono::milliseconds timeout_;
    int32_t next_correlation_id_ = 1;
    std::map<int16_t, version_range> broker_versions_;
};

}  // namespace sluice::client
