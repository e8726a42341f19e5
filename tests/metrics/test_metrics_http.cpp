// The /metrics endpoint: what each request head gets (200, 404, 405, 400) and, over a real loopback socket,
// that the page arrives with its Content-Length and the connection closes, an oversized head gets 431 and a
// silent client is cut off by the timeout.
#include <QtTest>
#include <string>
#include <thread>

#include "engine/metrics/exposition.h"
#include "engine/metrics/http_request.h"
#include "engine/metrics/http_server.h"

using namespace sluice;
using metrics::answer_http_request;

namespace {
std::string page() { return "# TYPE up gauge\nup 1\n"; }

// Sends `request` (maybe nothing) and reads until the server closes; the client gives up after 10 s.
std::string exchange(uint16_t port, const std::string& request) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    if (!request.empty()) asio::write(socket, asio::buffer(request));
    std::string reply;
    boost::system::error_code ec;
    asio::steady_timer guard(io, std::chrono::seconds(10));
    guard.async_wait([&](boost::system::error_code e) {
        if (!e) socket.close();
    });
    asio::async_read(socket, asio::dynamic_buffer(reply), [&](boost::system::error_code e, std::size_t) {
        ec = e;
        guard.cancel();
    });
    io.run();
    return reply;
}

struct running_server {
    asio::io_context io;
    std::unique_ptr<metrics::http_server> server;
    std::thread thread;
    explicit running_server(metrics::http_server_limits limits = {}) {
        auto started = metrics::http_server::start(io, "127.0.0.1", 0, page, limits);
        if (started) server = std::move(started.value());
        thread = std::thread([this] { io.run(); });
    }
    ~running_server() {
        asio::post(io, [this] {
            if (server) server->stop();
        });
        // The accept loop ends once the acceptor is closed; a stuck test still ends the thread.
        asio::post(io, [this] { io.stop(); });
        thread.join();
    }
};
}  // namespace

class test_metrics_http : public QObject {
    Q_OBJECT
private slots:
    void answers_by_path_and_method() {
        auto ok = answer_http_request("GET /metrics HTTP/1.1\r\nHost: x", page);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body, page());
        QCOMPARE(ok.content_type, std::string(metrics::exposition_content_type));
        QCOMPARE(answer_http_request("GET /metrics?name[]=x HTTP/1.0", page).status, 200);
        QCOMPARE(answer_http_request("GET / HTTP/1.1", page).status, 404);
        QCOMPARE(answer_http_request("GET /metricsx HTTP/1.1", page).status, 404);
        QCOMPARE(answer_http_request("POST /metrics HTTP/1.1\r\nContent-Length: 0", page).status, 405);
        QCOMPARE(answer_http_request("HEAD /metrics HTTP/1.1", page).status, 405);
        QCOMPARE(answer_http_request("GET /metrics", page).status, 400);
        QCOMPARE(answer_http_request("GET /metrics SPDY/3", page).status, 400);
        QCOMPARE(answer_http_request("", page).status, 400);
        QCOMPARE(answer_http_request("GET  /metrics HTTP/1.1", page).status, 400);
        auto refused = answer_http_request("DELETE /metrics HTTP/1.1", page).serialize();
        QVERIFY(refused.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"));
        QVERIFY(refused.find("\r\nAllow: GET\r\n") != std::string::npos);
        QVERIFY(refused.find("\r\nConnection: close\r\n") != std::string::npos);
    }

    void serves_the_page_over_tcp_and_closes() {
        running_server s;
        QVERIFY(s.server);
        auto reply = exchange(s.server->port(), "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY2(reply.starts_with("HTTP/1.1 200 OK\r\n"), reply.c_str());
        QVERIFY(reply.find("\r\nContent-Length: " + std::to_string(page().size()) + "\r\n") != std::string::npos);
        QVERIFY(reply.ends_with("\r\n\r\n" + page()));  // then EOF: the server closed the connection
        QVERIFY(exchange(s.server->port(), "GET /nope HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404 "));
        QVERIFY(exchange(s.server->port(), "PUT /metrics HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405 "));
    }

    void bounds_the_request_head_and_its_time() {
        metrics::http_server_limits limits;
        limits.max_request_bytes = 256;
        limits.timeout = std::chrono::milliseconds(300);
        running_server s(limits);
        QVERIFY(s.server);
        std::string huge = "GET /metrics HTTP/1.1\r\nX-Filler: " + std::string(1000, 'a') + "\r\n\r\n";
        QVERIFY(exchange(s.server->port(), huge).starts_with("HTTP/1.1 431 "));
        // A client that connects and says nothing is closed (no answer) once the timeout passes.
        QCOMPARE(exchange(s.server->port(), ""), std::string());
        // A head that never ends is cut off the same way.
        QCOMPARE(exchange(s.server->port(), "GET /metrics HTTP/1.1\r\n"), std::string());
        // And the server still serves.
        QVERIFY(exchange(s.server->port(), "GET /metrics HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 200 "));
    }

    void refuses_a_bad_bind_address() {
        asio::io_context io;
        auto started = metrics::http_server::start(io, "not-an-address", 0, page);
        QVERIFY(!started);
        QVERIFY(started.err().message.find("not-an-address") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(test_metrics_http)
#include "test_metrics_http.moc"
