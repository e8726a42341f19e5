// tcp_server on its own: framing limits and the one place connection faults end up. A handler that throws
// must close only that connection, remove it from the server and leave every other connection serving.
#include <QtTest>
#include <array>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "engine/net/tcp_server.h"

using namespace sluice;

namespace {

// The test handler: a frame whose first byte is 0xEE throws; any other frame is echoed back.
net::request_handler echo_or_throw() {
    return [](net::connection_info&, protocol::bytes frame) -> awaitable<net::handler_outcome> {
        if (!frame.empty() && frame[0] == 0xEE) throw std::runtime_error("handler bug on purpose");
        co_return net::handler_outcome{std::move(frame), false};
    };
}

protocol::bytes frame_of(uint8_t first, std::size_t size) {
    protocol::bytes out;
    protocol::wire_writer w(out);
    w.write_int32(static_cast<int32_t>(size));
    protocol::bytes body(size, 0x11);
    body[0] = first;
    w.write_raw(body);
    return out;
}

// A request frame whose header names `client_id` (api key 18, version 3, correlation id 1).
protocol::bytes request_from(const std::string& client_id) {
    protocol::bytes body;
    protocol::wire_writer b(body);
    b.write_int16(18);
    b.write_int16(3);
    b.write_int32(1);
    b.write_int16(static_cast<int16_t>(client_id.size()));
    b.write_raw(protocol::bytes(client_id.begin(), client_id.end()));
    protocol::bytes out;
    protocol::wire_writer w(out);
    w.write_int32(static_cast<int32_t>(body.size()));
    w.write_raw(body);
    return out;
}

// A client on its own io_context and thread-free: every call runs the context for at most `limit`.
struct probe {
    asio::io_context io;
    tcp::socket socket{io};
    bool connect(uint16_t port) {
        boost::system::error_code ec;
        socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
        return !ec;
    }
    void send(const protocol::bytes& bytes) { asio::write(socket, asio::buffer(bytes)); }
    // Reads one response frame body; empty optional on EOF/error or when nothing came within the limit.
    std::optional<protocol::bytes> receive(std::chrono::milliseconds limit = std::chrono::seconds(5)) {
        std::array<uint8_t, 4> size{};
        protocol::bytes body;
        bool done = false, ok = false;
        asio::async_read(socket, asio::buffer(size), [&](boost::system::error_code ec, std::size_t) {
            if (ec) {
                done = true;
                return;
            }
            uint32_t n = (uint32_t{size[0]} << 24) | (uint32_t{size[1]} << 16) | (uint32_t{size[2]} << 8) | size[3];
            body.resize(n);
            asio::async_read(socket, asio::buffer(body), [&](boost::system::error_code ec2, std::size_t) {
                ok = !ec2;
                done = true;
            });
        });
        io.restart();
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done && std::chrono::steady_clock::now() < deadline) io.run_for(std::chrono::milliseconds(20));
        if (!done) {
            boost::system::error_code ec;
            socket.cancel(ec);
            io.restart();
            io.run_for(std::chrono::milliseconds(100));
            return std::nullopt;
        }
        if (!ok) return std::nullopt;
        return body;
    }
};

}  // namespace

class test_tcp_server : public QObject {
    Q_OBJECT

    // A fresh io_context per test: nothing left over from the previous test's connections runs in the next.
    std::unique_ptr<asio::io_context> io;
    std::unique_ptr<net::tcp_server> server;
    std::thread server_thread;
    std::unique_ptr<asio::executor_work_guard<asio::io_context::executor_type>> work;

    std::size_t connections() {
        std::promise<std::size_t> count;
        asio::post(*io, [&] { count.set_value(server->connection_count()); });
        return count.get_future().get();
    }
    // The server forgets a closed connection on its own thread: wait (bounded) for the count to reach `n`.
    bool wait_for_connections(std::size_t n) {
        for (int i = 0; i < 250; ++i) {
            if (connections() == n) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

private slots:
    void init() {
        io = std::make_unique<asio::io_context>();
        asio::io_context& server_io = *io;
        net::server_limits limits;
        limits.max_request_bytes = 1024;
        auto started = net::tcp_server::start(server_io, "127.0.0.1", 0, limits, echo_or_throw());
        QVERIFY2(started.ok(), started.ok() ? "" : started.err().message.c_str());
        server = std::move(started.value());
        work = std::make_unique<asio::executor_work_guard<asio::io_context::executor_type>>(server_io.get_executor());
        server_thread = std::thread([this] { io->run(); });
    }
    void cleanup() {
        asio::post(*io, [this] { server->stop(); });
        work.reset();
        asio::post(*io, [this] { io->stop(); });
        server_thread.join();
        server.reset();
        io.reset();
    }

    void echoes_frames() {
        probe p;
        QVERIFY(p.connect(server->port()));
        p.send(frame_of(0x01, 16));
        auto reply = p.receive();
        QVERIFY(reply.has_value());
        QCOMPARE(reply->size(), std::size_t{16});
        QCOMPARE((*reply)[0], uint8_t{0x01});
    }

    void handler_exception_closes_only_that_connection() {
        probe healthy, faulty;
        QVERIFY(healthy.connect(server->port()));
        QVERIFY(faulty.connect(server->port()));
        QVERIFY(wait_for_connections(2));
        faulty.send(frame_of(0xEE, 16));
        QVERIFY2(!faulty.receive().has_value(), "the faulty connection must be closed, not answered");
        QVERIFY2(wait_for_connections(1), "the closed connection must leave the server's list");
        healthy.send(frame_of(0x02, 12));
        auto reply = healthy.receive();
        QVERIFY2(reply.has_value(), "the other connection keeps being served");
        QCOMPARE((*reply)[0], uint8_t{0x02});
        probe later;
        QVERIFY(later.connect(server->port()));
        later.send(frame_of(0x03, 9));
        QVERIFY2(later.receive().has_value(), "the server still accepts new connections");
    }

    // The app asks before quitting while users' clients are connected: it needs a count without Sluice's own
    // connections (peers, its monitor), cheap enough to read from the GUI thread.
    void counts_client_connections_but_not_sluices_own() {
        const auto clients_become = [this](std::size_t n) {
            for (int i = 0; i < 250 && server->client_connection_count() != n; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            return server->client_connection_count() == n;
        };
        probe user, own, silent;
        QVERIFY(user.connect(server->port()));
        QVERIFY(own.connect(server->port()));
        QVERIFY(silent.connect(server->port()));
        QVERIFY(wait_for_connections(3));
        QCOMPARE(server->client_connection_count(), std::size_t{0});  // no request yet: not known to be a client
        user.send(request_from("rdkafka"));
        QVERIFY(user.receive().has_value());
        own.send(request_from("sluice-replica-2"));
        QVERIFY(own.receive().has_value());
        QVERIFY(clients_become(1));
        user.send(frame_of(0xEE, 16));  // a connection that ends in a fault is uncounted too
        QVERIFY(!user.receive().has_value());
        QVERIFY(clients_become(0));
    }

    void oversized_frame_closes_connection() {
        probe p;
        QVERIFY(p.connect(server->port()));
        p.send(frame_of(0x01, 2048));  // above max_request_bytes (1024)
        QVERIFY(!p.receive().has_value());
        QVERIFY(wait_for_connections(0));
    }
};

QTEST_GUILESS_MAIN(test_tcp_server)
#include "test_tcp_server.moc"
