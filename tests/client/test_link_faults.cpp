// Injected link faults on async_connection (connection_options::link, engine/net/link_faults.h): a cut link
// refuses to connect and fails what is in flight at once, not at its deadline; a delayed link holds requests;
// a lossy link loses them (they time out); healing lets new connections through; a connection without a
// link, or on the other direction of a cut one, is not affected. Against fake_broker on 127.0.0.1.
#include <QTest>
#include <memory>

#include "engine/net/link_faults.h"
#include "tests/client/async_test_support.h"

namespace {
constexpr int32_t from = 1, to = 2;

// A fake peer that answers ApiVersions only, and a fault table for the links to it.
struct linked_peer {
    asio::io_context io;
    fake_broker peer{io, fake_broker::answering_api_versions(fake_broker::action::ignore)};
    std::shared_ptr<net::link_faults> faults = std::make_shared<net::link_faults>();

    // A connection to the peer as node `a` reaching node `b` (the peer) on the faulty link.
    result<connection_ptr> open(int32_t a = from, int32_t b = to) {
        connection_options options;
        options.connect_timeout = 2s;
        options.link = net::link_between(faults, a, b);
        return open_on(io, peer.address(), options);
    }
};
}  // namespace

class test_link_faults : public QObject {
    Q_OBJECT
private slots:
    void a_cut_link_refuses_to_connect_one_way_only() {
        linked_peer l;
        auto& [io, peer, faults] = l;
        faults->cut(from, to);
        auto refused = l.open();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.err().code, error_code::network_exception);
        QVERIFY2(QString::fromStdString(refused.err().message).contains("from node 1 to node 2"),
                 refused.err().message.c_str());
        QVERIFY(peer.seen().empty());
        QVERIFY(l.open(to, from).ok());  // the other direction is fine
        QVERIFY(open_on(io, peer.address()).ok());  // and so is a plain client
        faults->heal(from, to);
        QVERIFY(l.open().ok());
    }

    void a_cut_fails_requests_in_flight_at_once() {
        linked_peer l;
        auto& [io, peer, faults] = l;
        auto conn = l.open();
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        outcome<protocol::metadata_response> waiting;
        spawn_send<protocol::metadata_api>(io, c, metadata_for("a"), 1, 20s, waiting);
        QVERIFY(run_until(io, [&] { return peer.seen().size() == 2; }, 5s));  // written, never to be answered
        auto cut_at = clock_type::now();
        std::thread([&] { faults->cut(from, to); }).join();  // as a test thread cuts a node's link
        QVERIFY(run_until(io, [&] { return waiting.value.has_value(); }, 5s));
        QCOMPARE(code_of(waiting.value), error_code::network_exception);
        QVERIFY(waiting.at - cut_at < 2s);  // long before the request's own 20 s
        QVERIFY(!c.is_open());
        QVERIFY(c.send_raw_no_response(api_key::metadata, 1, {}).err().code == error_code::network_exception);
    }

    void a_cut_closes_an_idle_connection_on_its_next_request() {
        linked_peer l;
        auto& [io, peer, faults] = l;
        auto conn = l.open();
        QVERIFY(conn.ok());
        faults->cut(from, to);  // the watch's news is still queued on io: send must not need it
        outcome<protocol::metadata_response> after;
        spawn_send<protocol::metadata_api>(io, *conn.value(), metadata_for("a"), 1, 20s, after);
        QVERIFY(run_until(io, [&] { return after.value.has_value(); }, 2s));
        QCOMPARE(code_of(after.value), error_code::network_exception);
        QCOMPARE(peer.seen().size(), std::size_t{1});  // only ApiVersions ever reached the peer
    }

    void a_delayed_link_holds_each_request() {
        linked_peer l;
        auto& [io, peer, faults] = l;
        faults->delay(from, to, 400ms);
        auto start = clock_type::now();
        auto conn = l.open();  // its ApiVersions waits too
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        QVERIFY(clock_type::now() - start >= 400ms);
        outcome<protocol::metadata_response> held;
        spawn_send<protocol::metadata_api>(io, *conn.value(), metadata_for("a"), 1, 300ms, held);
        QVERIFY(run_until(io, [&] { return held.value.has_value(); }, 5s));
        // Its deadline passed before it was written: the peer never saw it.
        QCOMPARE(code_of(held.value), error_code::request_timed_out);
        QCOMPARE(peer.seen().size(), std::size_t{1});
    }

    void a_lossy_link_loses_requests() {
        linked_peer l;
        auto& [io, peer, faults] = l;
        auto conn = l.open();
        QVERIFY(conn.ok());
        faults->drop(from, to, 1.0);
        outcome<protocol::metadata_response> lost;
        auto start = clock_type::now();
        spawn_send<protocol::metadata_api>(io, *conn.value(), metadata_for("a"), 1, 300ms, lost);
        QVERIFY(run_until(io, [&] { return lost.value.has_value(); }, 5s));
        QCOMPARE(code_of(lost.value), error_code::request_timed_out);
        QVERIFY(lost.at - start >= 300ms);
        QCOMPARE(peer.seen().size(), std::size_t{1});
        QVERIFY(!conn.value()->is_open());  // as after any timeout
        faults->heal();
        QVERIFY(l.open().ok());
    }
};

QTEST_GUILESS_MAIN(test_link_faults)
#include "test_link_faults.moc"
