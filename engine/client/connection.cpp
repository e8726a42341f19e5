#include "engine/client/connection.h"

#include "engine/protocol/messages/api_versions.h"

namespace sluice::client {

using protocol::error_code;

connection::connection(const std::string& client_id, std::chrono::milliseconds timeout)
    : client_id_(client_id), timeout_(timeout) {}

connection::~connection() {
    boost::system::error_code ec;
    socket_.close(ec);
}

result<std::unique_ptr<connection>> connection::open(const std::string& address, std::chrono::milliseconds timeout,
                                                     std::string client_id) {
    auto conn = std::make_unique<connection>(client_id, timeout);
    if (auto ok = conn->connect(address); !ok) return ok.err();
    if (auto ok = conn->negotiate_versions(); !ok) return ok.err();
    return conn;
}

bool connection::run_until(const bool& done) {
    io_.restart();
    auto deadline = std::chrono::steady_clock::now() + timeout_;
    while (!done && std::chrono::steady_clock::now() < deadline) {
        io_.run_one_until(deadline);
    }
    if (!done) {
        boost::system::error_code ec;
        socket_.close(ec);  // cancels the pending operation
        io_.restart();
        io_.run_for(std::chrono::milliseconds(50));
    }
    return done;
}

result<void> connection::connect(const std::string& address) {
    address_ = address;
    auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return make_error(error_code::invalid_config, "bootstrap address must be host:port, got '" + address + "'");
    std::string host = address.substr(0, colon), port = address.substr(colon + 1);
    tcp::resolver resolver(io_);
    boost::system::error_code ec;
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return make_error(error_code::network_exception, "cannot resolve " + address + ": " + ec.message());
    bool done = false;
    asio::async_connect(socket_, endpoints, [&](boost::system::error_code e, const tcp::endpoint&) {
        ec = e;
        done = true;
    });
    if (!run_until(done)) return make_error(error_code::request_timed_out, "timed out connecting to " + address);
    if (ec) return make_error(error_code::network_exception, "cannot connect to " + address + ": " + ec.message());
    socket_.set_option(tcp::no_delay(true), ec);
    return {};
}

result<protocol::bytes> connection::round_trip(int16_t key, int16_t version, const protocol::bytes& body,
                                               bool expect_response) {
    if (!socket_.is_open()) return make_error(error_code::network_exception, "connection to " + address_ + " is closed");
    protocol::bytes frame;
    protocol::wire_writer w(frame);
    auto size_at = w.reserve_int32();
    int32_t correlation_id = next_correlation_id_++;
    protocol::write_request_header(w, {key, version, correlation_id, client_id_});
    w.write_raw(body);
    w.patch_int32(size_at, static_cast<int32_t>(frame.size() - 4));

    boost::system::error_code ec;
    bool done = false;
    asio::async_write(socket_, asio::buffer(frame), [&](boost::system::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    if (!run_until(done)) return make_error(error_code::request_timed_out, "timed out writing to " + address_);
    if (ec) return make_error(error_code::network_exception, "write to " + address_ + " failed: " + ec.message());
    if (!expect_response) return protocol::bytes{};

    std::array<uint8_t, 4> size_bytes{};
    done = false;
    asio::async_read(socket_, asio::buffer(size_bytes), [&](boost::system::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    if (!run_until(done)) return make_error(error_code::request_timed_out, "timed out waiting for " + address_);
    if (ec) return make_error(error_code::network_exception, "read from " + address_ + " failed: " + ec.message());
    protocol::wire_reader size_reader(size_bytes);
    int32_t size = size_reader.read_int32();
    if (size < 4 || size > 1 << 30) return make_error(error_code::corrupt_message, "bad response size from " + address_);
    protocol::bytes response(static_cast<std::size_t>(size));
    done = false;
    asio::async_read(socket_, asio::buffer(response), [&](boost::system::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    if (!run_until(done)) return make_error(error_code::request_timed_out, "timed out reading from " + address_);
    if (ec) return make_error(error_code::network_exception, "read from " + address_ + " failed: " + ec.message());
    protocol::wire_reader reader(response);
    int32_t got = protocol::read_response_header(reader, key, version);
    if (reader.failed() || got != correlation_id)
        return make_error(error_code::corrupt_message, "response correlation id mismatch from " + address_);
    return protocol::bytes(response.begin() + static_cast<std::ptrdiff_t>(reader.position()), response.end());
}

result<void> connection::negotiate_versions() {
    // v0 is understood by every broker since 0.10, and its response shape never changes.
    auto response = send<protocol::api_versions_api>({}, 0);
    if (!response) return response.err();
    if (response->error_code != 0)
        return make_error(static_cast<error_code>(response->error_code), "ApiVersions failed on " + address_);
    for (const auto& v : response->api_keys) broker_versions_[v.api_key] = {v.min_version, v.max_version};
    return {};
}

result<int16_t> connection::pick_version(protocol::api_key key, int16_t ours_min, int16_t ours_max) const {
    auto it = broker_versions_.find(static_cast<int16_t>(key));
    const auto* api = protocol::find_api(static_cast<int16_t>(key));
    std::string name = api ? std::string(api->name) : std::to_string(static_cast<int>(key));
    if (it == broker_versions_.end())
        return make_error(error_code::unsupported_version, address_ + " does not support " + name);
    int16_t version = std::min(ours_max, it->second.max);
    if (version < ours_min || version < it->second.min)
        return make_error(error_code::unsupported_version, "no common version of " + name + " with " + address_);
    return version;
}

}  // namespace sluice::client
