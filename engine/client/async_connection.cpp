#include "engine/client/async_connection.h"

// GCC 12 (PR 109224) takes an inlined Asio coroutine frame's allocation and release, both Asio's own
// awaitable_frame_base operators, for a mismatched new/delete pair: a false positive.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <array>
#include <deque>
#include <map>
#include <vector>

#include "engine/client/broker_address.h"
#include "engine/client/sasl_login.h"
#include "engine/client/tls_handshake.h"
#include "engine/protocol/header.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/security/tls_context.h"

#ifndef SLUICE_CLIENT_SOFTWARE_VERSION
#define SLUICE_CLIENT_SOFTWARE_VERSION "0"
#endif

namespace sluice::client {

using protocol::error_code;
using std::chrono::milliseconds;

namespace {

std::string api_name(int16_t key) {
    const auto* api = protocol::find_api(key);
    return api ? std::string(api->name) : "API " + std::to_string(key);
}

std::string describe(int16_t key, int16_t version, int32_t correlation_id) {
    return api_name(key) + " v" + std::to_string(version) + " (correlation id " + std::to_string(correlation_id) + ")";
}

// One request waiting for its response. The waiter sleeps on `timer` until its deadline; the reader (or a
// failure) sets `outcome` and cancels the timer to wake it.
struct pending_request {
    explicit pending_request(const asio::any_io_executor& executor) : timer(executor) {}
    int32_t correlation_id = 0;
    int16_t key = 0;
    int16_t version = 0;
    asio::steady_timer timer;
    std::optional<result<protocol::bytes>> outcome;

    void complete(result<protocol::bytes> r) {
        if (outcome) return;
        outcome.emplace(std::move(r));
        timer.cancel();
    }
};

// A frame waiting to be written; a delayed link (connection_options::link) holds it until `not_before`.
struct queued_frame {
    protocol::bytes bytes;
    std::chrono::steady_clock::time_point not_before;
};

}  // namespace

struct async_connection::state : std::enable_shared_from_this<state> {
    state(asio::any_io_executor ex, std::string addr, connection_options opts)
        : executor(std::move(ex)),
          socket(executor),
          address(std::move(addr)),
          options(std::move(opts)),
          delay_timer(executor) {}

    asio::any_io_executor executor;
    tcp::socket socket;
    std::shared_ptr<asio::ssl::context> tls_context;
    std::optional<tls_stream> tls;  // over `socket`, once the TLS handshake began
    std::string address;
    connection_options options;
    int32_t next_correlation_id = 1;
    std::deque<std::shared_ptr<pending_request>> in_flight;  // in the order they were queued, hence answered
    std::deque<queued_frame> write_queue;
    asio::steady_timer delay_timer;  // the writer waits on it for a delayed frame's time
    // Requests a lossy link lost: never written, they time out, unless the connection closes first.
    std::vector<std::weak_ptr<pending_request>> lost;
    net::link_faults::watch cut_watch;  // closes the connection when its link is cut
    bool writing = false;
    bool closed = false;
    error close_reason;
    std::map<int16_t, version_range> broker_versions;
    int16_t api_versions_version = -1;

    // Closes the connection once; every request still waiting fails with `reason`.
    void shut(error reason) {
        if (closed) return;
        closed = true;
        close_reason = std::move(reason);
        boost::system::error_code ec;
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);  // the reader and writer wake with operation_aborted
        delay_timer.cancel();
        write_queue.clear();
        cut_watch = {};
        auto waiting = std::move(in_flight);
        in_flight.clear();
        for (auto& p : waiting) p->complete(close_reason);
        for (auto& weak : std::exchange(lost, {}))
            if (auto p = weak.lock()) p->complete(close_reason);
    }

    error link_cut() const {
        return make_error(error_code::network_exception, "the link from node " + std::to_string(options.link->from) +
                                                             " to node " + std::to_string(options.link->to) + " (" +
                                                             address + ") is cut");
    }

    // On a link with faults: closes the connection as soon as the link is cut. The table calls from the
    // cutting thread; the news is posted to this connection's executor.
    void watch_link() {
        if (!options.link) return;
        std::weak_ptr<state> weak = weak_from_this();
        cut_watch = options.link->watch_cuts([weak, ex = executor] {
            asio::post(ex, [weak] {
                if (auto s = weak.lock()) s->shut(s->link_cut());
            });
        });
        if (options.link->fault().cut) shut(link_cut());  // cut before the watch began
    }

    // What the link does to one outgoing request: nothing without a link; else the delay to hold it for,
    // or that it is lost, or (cut) that the connection is closed.
    enum class fate { send, lose, closed };
    fate judge(std::chrono::milliseconds& delay) {
        delay = milliseconds(0);
        if (!options.link) return fate::send;
        auto fault = options.link->fault();
        if (fault.cut) {
            shut(link_cut());
            return fate::closed;
        }
        if (options.link->lose_request()) return fate::lose;
        delay = fault.delay;
        return fate::send;
    }

    // Reads and writes go through TLS when the connection has it.
    template <class Buffers>
    awaitable<void> write_all(const Buffers& buffers, boost::system::error_code& ec) {
        if (tls)
            co_await asio::async_write(*tls, buffers, asio::redirect_error(asio::use_awaitable, ec));
        else
            co_await asio::async_write(socket, buffers, asio::redirect_error(asio::use_awaitable, ec));
    }
    template <class Buffer>
    awaitable<void> read_exactly(const Buffer& buffer, boost::system::error_code& ec) {
        if (tls)
            co_await asio::async_read(*tls, buffer, asio::redirect_error(asio::use_awaitable, ec));
        else
            co_await asio::async_read(socket, buffer, asio::redirect_error(asio::use_awaitable, ec));
    }

    error closed_error() const { return make_error(error_code::network_exception, close_reason.message); }

    protocol::bytes frame(int32_t correlation_id, int16_t key, int16_t version, const protocol::bytes& body) const {
        protocol::bytes out;
        out.reserve(body.size() + 64);
        protocol::wire_writer w(out);
        auto size_at = w.reserve_int32();
        protocol::write_request_header(w, {key, version, correlation_id, options.client_id});
        w.write_raw(body);
        w.patch_int32(size_at, static_cast<int32_t>(out.size() - 4));
        return out;
    }

    void enqueue(protocol::bytes f, milliseconds delay = milliseconds(0)) {
        write_queue.push_back({std::move(f), std::chrono::steady_clock::now() + delay});
        if (writing) return;
        writing = true;
        auto self = shared_from_this();
        asio::co_spawn(executor, write_loop(self), [self](std::exception_ptr e) {
            if (e) self->shut(make_error(error_code::unknown_server_error, "writer failed on " + self->address));
        });
    }

    // Drains the write queue, all frames due since the last write in one gathered write. Frames leave in the
    // order queued; a delayed one holds back those behind it.
    static awaitable<void> write_loop(std::shared_ptr<state> s) {
        std::vector<protocol::bytes> batch;
        std::vector<asio::const_buffer> buffers;
        while (!s->closed && !s->write_queue.empty()) {
            auto now = std::chrono::steady_clock::now();
            if (s->write_queue.front().not_before > now) {
                s->delay_timer.expires_at(s->write_queue.front().not_before);
                boost::system::error_code waited;
                co_await s->delay_timer.async_wait(asio::redirect_error(asio::use_awaitable, waited));
                continue;
            }
            while (!s->write_queue.empty() && s->write_queue.front().not_before <= now) {
                batch.push_back(std::move(s->write_queue.front().bytes));
                s->write_queue.pop_front();
            }
            buffers.clear();
            for (const auto& f : batch) buffers.push_back(asio::buffer(f));
            boost::system::error_code ec;
            co_await s->write_all(buffers, ec);
            batch.clear();
            if (ec) {
                s->shut(make_error(error_code::network_exception, "write to " + s->address + " failed: " + ec.message()));
                break;
            }
        }
        s->writing = false;
    }

    // Reads response frames and hands each to the oldest request in flight; Kafka answers in request order,
    // so a correlation id that is not the oldest one's means the stream is broken.
    static awaitable<void> read_loop(std::shared_ptr<state> s) {
        std::array<uint8_t, 4> size_bytes{};
        protocol::bytes frame;
        boost::system::error_code ec;
        for (;;) {
            co_await s->read_exactly(asio::buffer(size_bytes), ec);
            if (ec || s->closed) break;
            protocol::wire_reader size_reader(size_bytes);
            int32_t size = size_reader.read_int32();
            if (size < 4 || size > s->options.max_response_bytes) {
                s->shut(make_error(error_code::corrupt_message,
                                   "bad response size " + std::to_string(size) + " from " + s->address));
                co_return;
            }
            frame.resize(static_cast<std::size_t>(size));
            co_await s->read_exactly(asio::buffer(frame), ec);
            if (ec || s->closed) break;
            if (s->in_flight.empty()) {
                s->shut(make_error(error_code::corrupt_message, "unsolicited response from " + s->address));
                co_return;
            }
            auto p = s->in_flight.front();
            protocol::wire_reader reader(frame);
            int32_t got = protocol::read_response_header(reader, p->key, p->version);
            if (reader.failed() || got != p->correlation_id) {
                s->shut(make_error(error_code::corrupt_message, "response with correlation id " + std::to_string(got) +
                                                                    " from " + s->address + " while expecting " +
                                                                    describe(p->key, p->version, p->correlation_id)));
                co_return;
            }
            s->in_flight.pop_front();
            p->complete(protocol::bytes(frame.begin() + static_cast<std::ptrdiff_t>(reader.position()), frame.end()));
        }
        if (!s->closed && s->tls && is_tls_error(ec)) {
            s->shut(make_error(error_code::network_exception, tls_failure(s->address, ec)));
        } else if (!s->closed) {
            std::string why = ec == asio::error::eof ? std::string("closed by the peer") : ec.message();
            s->shut(make_error(error_code::network_exception, "connection to " + s->address + " lost: " + why));
        }
    }

    void start_reader() {
        auto self = shared_from_this();
        asio::co_spawn(executor, read_loop(self), [self](std::exception_ptr e) {
            if (e) self->shut(make_error(error_code::unknown_server_error, "reader failed on " + self->address));
        });
    }
};

namespace {

using state = async_connection::state;

awaitable<result<protocol::bytes>> round_trip(std::shared_ptr<state> s, std::shared_ptr<pending_request> p,
                                              milliseconds timeout) {
    p->timer.expires_after(timeout);
    while (!p->outcome) {
        boost::system::error_code ec;
        co_await p->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (!p->outcome && p->timer.expiry() <= std::chrono::steady_clock::now()) {
            std::string what = describe(p->key, p->version, p->correlation_id);
            p->complete(make_error(error_code::request_timed_out,
                                   what + " to " + s->address + " timed out after " + std::to_string(timeout.count()) + " ms"));
            s->shut(make_error(error_code::network_exception, "connection to " + s->address + " closed after " + what +
                                                                  " timed out"));
        }
    }
    co_return std::move(*p->outcome);
}

protocol::codec_context flexible_context(protocol::api_key key, int16_t version) {
    const auto* api = protocol::find_api(static_cast<int16_t>(key));
    return {version, api != nullptr && protocol::is_flexible(*api, version)};
}

awaitable<result<protocol::bytes>> already_failed(error e) { co_return e; }

// ApiVersions v3 first; a broker that does not know v3 answers in the v0 shape with UNSUPPORTED_VERSION and
// its own ApiVersions range, and we retry with the highest version both speak (KIP-511).
awaitable<result<void>> negotiate(async_connection& conn, std::shared_ptr<state> s) {
    int16_t version = find_client_versions(protocol::api_key::api_versions)->max;
    for (int attempt = 0; attempt < 3; ++attempt) {
        protocol::api_versions_request request;
        request.client_software_name = "sluice";
        request.client_software_version = SLUICE_CLIENT_SOFTWARE_VERSION;
        const auto context = flexible_context(protocol::api_key::api_versions, version);
        protocol::bytes body;
        protocol::encode_message(request, context, body);
        auto reply = co_await conn.send_raw(protocol::api_key::api_versions, version, std::move(body),
                                            s->options.connect_timeout);
        if (!reply) co_return reply.err();
        protocol::wire_reader peek(reply.value());
        int16_t code = peek.read_int16();
        protocol::api_versions_response response;
        if (code == static_cast<int16_t>(error_code::unsupported_version) && version > 0) {
            if (!protocol::decode_message(response, reply.value(), {0, false}))
                co_return make_error(error_code::corrupt_message, "malformed ApiVersions response from " + s->address);
            int16_t next = 0;
            for (const auto& v : response.api_keys)
                if (v.api_key == static_cast<int16_t>(protocol::api_key::api_versions)) next = v.max_version;
            version = next < version ? std::max<int16_t>(next, 0) : int16_t{0};
            continue;
        }
        if (!protocol::decode_message(response, reply.value(), context))
            co_return make_error(error_code::corrupt_message, "malformed ApiVersions v" + std::to_string(version) +
                                                                  " response from " + s->address);
        if (response.error_code != 0)
            co_return make_error(static_cast<error_code>(response.error_code),
                                 "ApiVersions v" + std::to_string(version) + " failed on " + s->address);
        for (const auto& v : response.api_keys) s->broker_versions[v.api_key] = {v.min_version, v.max_version};
        s->api_versions_version = version;
        co_return result<void>{};
    }
    co_return make_error(error_code::unsupported_version, "no ApiVersions version in common with " + s->address);
}

awaitable<result<std::unique_ptr<async_connection>>> open_connection(asio::any_io_executor executor,
                                                                     std::string address,
                                                                     connection_options options);

}  // namespace

awaitable<result<std::unique_ptr<async_connection>>> async_connection::open(asio::any_io_executor executor,
                                                                            std::string address,
                                                                            connection_options options) {
    return open_connection(std::move(executor), std::move(address), std::move(options));
}

awaitable<result<std::unique_ptr<async_connection>>> async_connection::open(asio::any_io_executor executor,
                                                                            std::string address) {
    return open_connection(std::move(executor), std::move(address), connection_options{});
}

namespace {

// The TLS handshake on a connected socket, within the connect timeout (its deadline closes the socket).
awaitable<result<void>> start_tls(std::shared_ptr<state> s, const std::string& host) {
    const auto& security = s->options.security;
    s->tls_context = security.tls_context;
    if (!s->tls_context) {
        auto made = security::make_client_tls_context(security.tls);
        if (!made) co_return made.err();
        s->tls_context = std::move(made.value());
    }
    s->tls.emplace(s->socket, *s->tls_context);
    const auto timeout = s->options.connect_timeout;
    auto timed_out = std::make_shared<bool>(false);
    asio::steady_timer deadline(s->executor);
    deadline.expires_after(timeout);
    deadline.async_wait([s, timed_out](boost::system::error_code ec) {
        if (ec) return;
        *timed_out = true;
        boost::system::error_code ignored;
        s->socket.close(ignored);
    });
    auto shaken = co_await tls_handshake(*s->tls, host, s->address, security.tls.verify_server_host);
    deadline.cancel();
    if (*timed_out)
        co_return make_error(error_code::request_timed_out, "TLS handshake with " + s->address + " timed out after " +
                                                                std::to_string(timeout.count()) + " ms");
    co_return shaken;
}

// On a connected socket: TLS when asked for, the version negotiation, then SASL when asked for.
awaitable<result<std::unique_ptr<async_connection>>> establish(std::shared_ptr<state> s, std::string host) {
    const auto& security = s->options.security;
    if (security::uses_tls(security.protocol))
        if (auto ok = co_await start_tls(s, host); !ok) co_return ok.err();
    s->start_reader();
    auto conn = std::make_unique<async_connection>(s);
    if (auto ok = co_await negotiate(*conn, s); !ok) co_return ok.err();  // conn's destructor closes the socket
    if (security::uses_sasl(security.protocol))
        if (auto ok = co_await sasl_login(*conn, security.sasl, s->options.connect_timeout); !ok) co_return ok.err();
    co_return conn;
}

awaitable<result<std::unique_ptr<async_connection>>> open_connection(asio::any_io_executor executor,
                                                                     std::string address,
                                                                     connection_options options) {
    auto parts = parse_broker_address(address);
    if (!parts) co_return parts.err();
    const std::string host = parts->host, port = parts->port;
    const uint16_t port_number = parts->port_number;
    auto s = std::make_shared<state>(executor, address, std::move(options));
    const auto timeout = s->options.connect_timeout;

    // One deadline for resolving and connecting: when it fires it cancels whichever is under way.
    auto resolver = std::make_shared<tcp::resolver>(executor);
    auto timed_out = std::make_shared<bool>(false);
    asio::steady_timer deadline(executor);
    deadline.expires_after(timeout);
    deadline.async_wait([s, resolver, timed_out](boost::system::error_code ec) {
        if (ec) return;
        *timed_out = true;
        resolver->cancel();
        boost::system::error_code ignored;
        s->socket.close(ignored);
    });

    boost::system::error_code ec;
    std::vector<tcp::endpoint> endpoints;
    auto numeric = asio::ip::make_address(host, ec);
    if (!ec) {
        endpoints.emplace_back(numeric, static_cast<uint16_t>(port_number));  // no resolver round trip for a literal address
    } else {
        ec = {};
        auto found = co_await resolver->async_resolve(host, port, asio::redirect_error(asio::use_awaitable, ec));
        if (*timed_out)
            co_return make_error(error_code::request_timed_out,
                                 "timed out resolving " + address + " after " + std::to_string(timeout.count()) + " ms");
        if (ec) {
            deadline.cancel();
            co_return make_error(error_code::network_exception, "cannot resolve " + address + ": " + ec.message());
        }
        for (const auto& entry : found) endpoints.push_back(entry.endpoint());
    }
    if (s->options.link && s->options.link->fault().cut) {
        deadline.cancel();
        co_return s->link_cut();
    }
    co_await asio::async_connect(s->socket, endpoints, asio::redirect_error(asio::use_awaitable, ec));
    deadline.cancel();
    if (*timed_out)
        co_return make_error(error_code::request_timed_out,
                             "timed out connecting to " + address + " after " + std::to_string(timeout.count()) + " ms");
    if (ec) co_return make_error(error_code::network_exception, "cannot connect to " + address + ": " + ec.message());
    s->socket.set_option(tcp::no_delay(true), ec);
    s->watch_link();
    co_return co_await establish(std::move(s), host);
}

}  // namespace

async_connection::async_connection(std::shared_ptr<state> s) : state_(std::move(s)) {}

async_connection::~async_connection() { close(); }

awaitable<result<protocol::bytes>> async_connection::send_raw(protocol::api_key key, int16_t version,
                                                              protocol::bytes body, milliseconds timeout) {
    auto& s = *state_;
    if (s.closed) return already_failed(s.closed_error());
    milliseconds delay{0};
    auto fate = s.judge(delay);
    if (fate == state::fate::closed) return already_failed(s.closed_error());
    auto p = std::make_shared<pending_request>(s.executor);
    p->correlation_id = s.next_correlation_id++;
    p->key = static_cast<int16_t>(key);
    p->version = version;
    if (fate == state::fate::lose) {
        s.lost.push_back(p);  // no response will come: it times out as a lost packet would
    } else {
        s.enqueue(s.frame(p->correlation_id, p->key, version, body), delay);
        s.in_flight.push_back(p);
    }
    return round_trip(state_, std::move(p), timeout);
}

result<void> async_connection::send_raw_no_response(protocol::api_key key, int16_t version, protocol::bytes body) {
    auto& s = *state_;
    if (s.closed) return s.closed_error();
    milliseconds delay{0};
    auto fate = s.judge(delay);
    if (fate == state::fate::closed) return s.closed_error();
    auto frame = s.frame(s.next_correlation_id++, static_cast<int16_t>(key), version, body);
    if (fate == state::fate::send) s.enqueue(std::move(frame), delay);
    return {};
}

result<int16_t> async_connection::pick_version(protocol::api_key key) const {
    const auto* ours = find_client_versions(key);
    std::string name = api_name(static_cast<int16_t>(key));
    if (ours == nullptr)
        return make_error(error_code::unsupported_version, name + " is not in the client's version table");
    auto theirs = broker_versions(key);
    if (!theirs) return make_error(error_code::unsupported_version, state_->address + " does not support " + name);
    int16_t version = std::min(ours->max, theirs->max);
    if (version < ours->min || version < theirs->min)
        return make_error(error_code::unsupported_version,
                          "no common version of " + name + " with " + state_->address + " (it serves " +
                              std::to_string(theirs->min) + "-" + std::to_string(theirs->max) + ", we speak " +
                              std::to_string(ours->min) + "-" + std::to_string(ours->max) + ")");
    return version;
}

std::optional<version_range> async_connection::broker_versions(protocol::api_key key) const {
    auto it = state_->broker_versions.find(static_cast<int16_t>(key));
    if (it == state_->broker_versions.end()) return std::nullopt;
    return it->second;
}

int16_t async_connection::api_versions_version() const { return state_->api_versions_version; }

void async_connection::close() {
    state_->shut(make_error(error_code::network_exception, "connection to " + state_->address + " was closed by the client"));
}

bool async_connection::is_open() const { return !state_->closed; }
std::size_t async_connection::in_flight() const { return state_->in_flight.size(); }
const std::string& async_connection::address() const { return state_->address; }
asio::any_io_executor async_connection::get_executor() const { return state_->executor; }

protocol::codec_context async_connection::context(protocol::api_key key, int16_t version) {
    return flexible_context(key, version);
}

error async_connection::malformed(protocol::api_key key, int16_t version) {
    return make_error(error_code::corrupt_message,
                      "malformed " + api_name(static_cast<int16_t>(key)) + " v" + std::to_string(version) + " response");
}

}  // namespace sluice::client
