// engine/client's async_connection (and the blocking connection over it): version negotiation, pipelining,
// per-request deadlines and every way a connection can end, against a real node on 127.0.0.1 and against a
// scripted fake peer (fake_broker, async_test_support.h) for the failures a real node would not produce.
#include <QTest>
#include <functional>
#include <thread>

#include "engine/client/admin_client.h"
#include "engine/client/async_connection.h"
#include "engine/client/cluster_client.h"
#include "engine/client/client_versions.h"
#include "engine/client/connection.h"
#include "engine/protocol/header.h"
#include "engine/protocol/messages/api_versions.h"
#include "engine/protocol/messages/list_offsets.h"
#include "engine/protocol/messages/metadata.h"
#include "engine/protocol/messages/produce.h"
#include "engine/protocol/record_batch.h"

#include "tests/client/async_test_support.h"
#include "tests/client/single_node.h"

class test_client : public QObject {
    Q_OBJECT

    testing::single_node node_;

private slots:
    void initTestCase() {
        const auto failed = node_.start();
        QVERIFY2(failed.empty(), failed.c_str());
    }
    void cleanupTestCase() { node_.stop(); }

    void version_table_is_consistent() {
        for (const auto& entry : client::client_versions()) {
            QVERIFY2(protocol::find_api(static_cast<int16_t>(entry.key)) != nullptr, "a client API the protocol does not know");
            QVERIFY(entry.versions.min >= 0);
            QVERIFY(entry.versions.min <= entry.versions.max);
            QCOMPARE(client::find_client_versions(entry.key), &entry.versions);
        }
        QVERIFY(client::find_client_versions(api_key::vote) == nullptr);
    }

    void negotiates_with_a_node() {
        asio::io_context io;
        auto conn = open_on(io, node_.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        QCOMPARE(c.api_versions_version(), int16_t{3});  // the node serves ApiVersions v3, so no fallback
        QVERIFY(c.broker_versions(api_key::metadata).has_value());
        // The highest version both ranges allow, for each API in the client's table.
        for (const auto& entry : client::client_versions()) {
            auto theirs = c.broker_versions(entry.key);
            QVERIFY(theirs.has_value());
            auto picked = c.pick_version(entry.key);
            QVERIFY2(picked.ok(), picked.ok() ? "" : picked.err().message.c_str());
            QCOMPARE(picked.value(), std::min(entry.versions.max, theirs->max));
        }
        QCOMPARE(c.pick_version(api_key::fetch).value(), int16_t{11});
        auto not_ours = c.pick_version(api_key::vote);
        QVERIFY(!not_ours.ok());
        QCOMPARE(not_ours.err().code, error_code::unsupported_version);
    }

    void falls_back_when_api_versions_v3_is_unknown_data() {
        QTest::addColumn<int>("broker_max");
        QTest::addColumn<int>("expected_second");
        QTest::newRow("broker speaks v0") << 0 << 0;
        QTest::newRow("broker speaks up to v2") << 2 << 2;
    }
    void falls_back_when_api_versions_v3_is_unknown() {
        QFETCH(int, broker_max);
        QFETCH(int, expected_second);
        asio::io_context io;
        const std::vector<protocol::api_versions_response::api_version> apis{
            {18, 0, static_cast<int16_t>(broker_max)}, {3, 0, 1}, {2, 0, 0}};
        fake_broker peer(io, [&](const protocol::request_header& h, protocol::wire_reader&) {
            if (h.api_version > broker_max)  // what an older broker does (KIP-511): v0 body, error 35, its range
                return fake_broker::reply{fake_broker::action::answer,
                                          fake_broker::api_versions_frame(h.correlation_id, 0, apis, error_code::unsupported_version)};
            return fake_broker::reply{fake_broker::action::answer,
                                      fake_broker::api_versions_frame(h.correlation_id, h.api_version, apis)};
        });
        auto conn = open_on(io, peer.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        QCOMPARE(peer.seen().size(), std::size_t{2});
        QCOMPARE(peer.seen()[0], std::make_pair(int16_t{18}, int16_t{3}));
        QCOMPARE(peer.seen()[1], std::make_pair(int16_t{18}, static_cast<int16_t>(expected_second)));
        QCOMPARE(c.api_versions_version(), static_cast<int16_t>(expected_second));
        QCOMPARE(c.pick_version(api_key::metadata).value(), int16_t{1});
        // ListOffsets: the broker's 0-0 and our 1-5 do not overlap; Fetch: not served at all.
        QCOMPARE(c.pick_version(api_key::list_offsets).err().code, error_code::unsupported_version);
        QCOMPARE(c.pick_version(api_key::fetch).err().code, error_code::unsupported_version);
    }

    void pipelines_fifty_requests_on_one_connection() {
        asio::io_context io;
        auto conn = open_on(io, node_.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        const int16_t mv = c.pick_version(api_key::metadata).value();
        const int16_t av = c.pick_version(api_key::api_versions).value();
        constexpr int n = 50;
        std::vector<outcome<protocol::metadata_response>> metadata(n);
        std::vector<outcome<protocol::api_versions_response>> versions(n);
        std::vector<int> order;
        std::optional<std::size_t> queued;
        asio::co_spawn(
            io,
            [&]() -> awaitable<void> {
                for (int i = 0; i < n; ++i) {
                    if (i % 2 == 0)
                        spawn_send<protocol::metadata_api>(io, c, metadata_for("pipe-" + std::to_string(i)), mv, 10s,
                                                           metadata[i], &order, i);
                    else
                        spawn_send<protocol::api_versions_api>(io, c, {"sluice-test", "1"}, av, 10s, versions[i], &order, i);
                }
                // The 50 senders started before this resumes: all are queued before any answer is read.
                co_await asio::post(io, asio::use_awaitable);
                queued = c.in_flight();
            },
            asio::detached);
        QVERIFY(run_until(io, [&] { return order.size() == n; }));
        QCOMPARE(queued.value_or(0), std::size_t{n});
        for (int i = 0; i < n; ++i) QCOMPARE(order[i], i);  // answered in the order sent
        for (int i = 0; i < n; i += 2) {
            auto& m = metadata[i].value;
            QVERIFY2(m && m->ok(), m && !m->ok() ? m->err().message.c_str() : "no outcome");
            // Each Metadata answer names the topic its own request asked about: matched by correlation id.
            QCOMPARE(m->value().topics.size(), std::size_t{1});
            QCOMPARE(m->value().topics[0].name.value_or(""), "pipe-" + std::to_string(i));
            QCOMPARE(m->value().topics[0].error_code, static_cast<int16_t>(error_code::unknown_topic_or_partition));
        }
        for (int i = 1; i < n; i += 2) {
            auto& v = versions[i].value;
            QVERIFY2(v && v->ok(), v && !v->ok() ? v->err().message.c_str() : "no outcome");
            QCOMPARE(v->value().error_code, int16_t{0});
            QVERIFY(!v->value().api_keys.empty());
        }
        QCOMPARE(c.in_flight(), std::size_t{0});
        QVERIFY(c.is_open());
    }

    void fire_and_forget_produce_then_a_pipelined_answer() {
        client::admin_client admin(node_.address());
        auto created = admin.create_topics({{"acks0", 1, 1, {}, {}}});
        QVERIFY2(created.ok(), created.ok() ? "" : created.err().message.c_str());
        asio::io_context io;
        auto conn = open_on(io, node_.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        std::vector<protocol::record> records(5);
        for (int i = 0; i < 5; ++i) {
            records[i].offset = i;
            records[i].timestamp = 1'700'000'000'000 + i;
            records[i].value = std::vector<uint8_t>(10, 'x');
        }
        auto batch = protocol::build_batch({}, records);
        QVERIFY(batch.ok());
        protocol::produce_request produce;
        produce.acks = 0;
        produce.topics = {{"acks0", {{0, std::move(batch.value())}}}};
        QVERIFY(c.send_no_response<protocol::produce_api>(produce, c.pick_version(api_key::produce).value()).ok());
        QCOMPARE(c.in_flight(), std::size_t{0});  // nothing waits for an answer that never comes
        protocol::list_offsets_request list;
        list.topics.resize(1);
        list.topics[0].name = "acks0";
        list.topics[0].partitions.resize(1);  // partition 0, latest offset
        outcome<protocol::list_offsets_response> offsets;
        spawn_send<protocol::list_offsets_api>(io, c, list, c.pick_version(api_key::list_offsets).value(), 10s, offsets);
        QVERIFY(run_until(io, [&] { return offsets.value.has_value(); }));
        QVERIFY2(offsets.value->ok(), offsets.value->ok() ? "" : offsets.value->err().message.c_str());
        QCOMPARE(offsets.value->value().topics.at(0).partitions.at(0).offset, int64_t{5});
    }

    void timeout_fails_the_request_and_every_other_in_flight() {
        asio::io_context io;
        fake_broker peer(io, fake_broker::answering_api_versions(fake_broker::action::ignore));
        auto conn = open_on(io, peer.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        outcome<protocol::metadata_response> short_one, long_one, long_two;
        auto start = clock_type::now();
        spawn_send<protocol::metadata_api>(io, c, metadata_for("a"), 1, 10s, long_one);
        spawn_send<protocol::metadata_api>(io, c, metadata_for("b"), 1, 300ms, short_one);
        spawn_send<protocol::metadata_api>(io, c, metadata_for("c"), 1, 10s, long_two);
        QVERIFY(run_until(io, [&] { return short_one.value && long_one.value && long_two.value; }, 8s));
        QCOMPARE(code_of(short_one.value), error_code::request_timed_out);
        QCOMPARE(code_of(long_one.value), error_code::network_exception);
        QCOMPARE(code_of(long_two.value), error_code::network_exception);
        QVERIFY(short_one.at - start >= 300ms);  // not before its deadline
        QVERIFY(short_one.at - start < 3s);
        QVERIFY(long_one.at - start < 3s);  // failed with the timed-out one, long before their own 10 s
        QVERIFY(long_two.at - start < 3s);
        QVERIFY(!c.is_open());
        QCOMPARE(c.in_flight(), std::size_t{0});
        QCOMPARE(peer.seen().size(), std::size_t{4});  // ApiVersions and the three, all written
        // A closed connection answers at once.
        outcome<protocol::metadata_response> after;
        spawn_send<protocol::metadata_api>(io, c, metadata_for("d"), 1, 10s, after);
        QVERIFY(run_until(io, [&] { return after.value.has_value(); }, 1s));
        QCOMPARE(code_of(after.value), error_code::network_exception);
        QVERIFY(c.send_raw_no_response(api_key::metadata, 1, {}).err().code == error_code::network_exception);
    }

    void open_times_out_against_a_silent_peer() {
        asio::io_context io;
        fake_broker peer(io, [](const protocol::request_header&, protocol::wire_reader&) { return fake_broker::reply{}; });
        connection_options options;
        options.connect_timeout = 300ms;
        auto start = clock_type::now();
        auto conn = open_on(io, peer.address(), options);
        QVERIFY(!conn.ok());
        QCOMPARE(conn.err().code, error_code::request_timed_out);
        QVERIFY(clock_type::now() - start < 3s);
        QCOMPARE(peer.seen().size(), std::size_t{1});
    }

    void connection_refused_is_a_clear_error() {
        asio::io_context io;
        uint16_t port = 0;
        {
            tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
            port = probe.local_endpoint().port();
        }  // closed: nothing listens there now
        std::string address = "127.0.0.1:" + std::to_string(port);
        auto conn = open_on(io, address);
        QVERIFY(!conn.ok());
        QCOMPARE(conn.err().code, error_code::network_exception);
        QVERIFY2(conn.err().message.find(address) != std::string::npos, conn.err().message.c_str());
        QVERIFY2(QString::fromStdString(conn.err().message).contains("refused", Qt::CaseInsensitive),
                 conn.err().message.c_str());
    }

    void bad_addresses_are_rejected() {
        asio::io_context io;
        for (const char* bad : {"no-port", "127.0.0.1:", ":9092", "127.0.0.1:99999", "127.0.0.1:x"}) {
            auto conn = open_on(io, bad);
            QVERIFY2(!conn.ok(), bad);
            QCOMPARE(conn.err().code, error_code::invalid_config);
        }
    }

    void peer_closing_mid_request_fails_pending() {
        asio::io_context io;
        fake_broker peer(io, fake_broker::answering_api_versions(fake_broker::action::close));
        auto conn = open_on(io, peer.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto& c = *conn.value();
        std::vector<outcome<protocol::metadata_response>> out(3);
        auto start = clock_type::now();
        for (auto& o : out) spawn_send<protocol::metadata_api>(io, c, metadata_for("x"), 1, 10s, o);
        QVERIFY(run_until(io, [&] { return out[0].value && out[1].value && out[2].value; }, 8s));
        for (auto& o : out) {
            QCOMPARE(code_of(o.value), error_code::network_exception);
            QVERIFY(o.at - start < 3s);
        }
        QVERIFY(!c.is_open());
    }

    void closing_or_destroying_fails_pending_data() {
        QTest::addColumn<bool>("destroy");
        QTest::newRow("close()") << false;
        QTest::newRow("destructor") << true;
    }
    void closing_or_destroying_fails_pending() {
        QFETCH(bool, destroy);
        asio::io_context io;
        fake_broker peer(io, fake_broker::answering_api_versions(fake_broker::action::ignore));
        auto conn = open_on(io, peer.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        connection_ptr c = std::move(conn.value());
        std::vector<outcome<protocol::metadata_response>> out(3);
        for (auto& o : out) spawn_send<protocol::metadata_api>(io, *c, metadata_for("x"), 1, 10s, o);
        QVERIFY(run_until(io, [&] { return c->in_flight() == 3; }, 5s));
        auto start = clock_type::now();
        if (destroy)
            c.reset();
        else
            c->close();
        QVERIFY(run_until(io, [&] { return out[0].value && out[1].value && out[2].value; }, 5s));
        for (auto& o : out) {
            QCOMPARE(code_of(o.value), error_code::network_exception);
            QVERIFY(o.at - start < 2s);
        }
        if (c) QVERIFY(!c->is_open());
    }

    void corrupt_response_closes_the_connection() {
        asio::io_context io;
        fake_broker peer(io, [](const protocol::request_header& h, protocol::wire_reader& r) {
            if (h.api_key == static_cast<int16_t>(api_key::api_versions))
                return fake_broker::answering_api_versions(fake_broker::action::ignore)(h, r);
            bytes wrong;  // the answer to a request never sent
            protocol::wire_writer w(wrong);
            w.write_int32(h.correlation_id + 1000);
            return fake_broker::reply{fake_broker::action::answer, wrong};
        });
        auto conn = open_on(io, peer.address());
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        outcome<protocol::metadata_response> first, second;
        spawn_send<protocol::metadata_api>(io, *conn.value(), metadata_for("x"), 1, 10s, first);
        spawn_send<protocol::metadata_api>(io, *conn.value(), metadata_for("y"), 1, 10s, second);
        QVERIFY(run_until(io, [&] { return first.value && second.value; }, 5s));
        QCOMPARE(code_of(first.value), error_code::corrupt_message);
        QCOMPARE(code_of(second.value), error_code::corrupt_message);
        QVERIFY(!conn.value()->is_open());
    }

    void many_connections_on_one_thread() {
        asio::io_context io;
        constexpr int connections = 16, per_connection = 4;
        std::vector<connection_ptr> conns;
        std::vector<outcome<protocol::metadata_response>> out(connections * per_connection);
        int opened = 0, failed_open = 0;
        for (int i = 0; i < connections; ++i) {
            asio::co_spawn(
                io,
                [&, i]() -> awaitable<void> {
                    auto c = co_await async_connection::open(io.get_executor(), node_.address());
                    if (!c) {
                        ++failed_open;
                        co_return;
                    }
                    conns.push_back(std::move(c.value()));
                    ++opened;
                    auto& conn = *conns.back();
                    int16_t v = conn.pick_version(api_key::metadata).value();
                    for (int k = 0; k < per_connection; ++k)
                        spawn_send<protocol::metadata_api>(io, conn, metadata_for("m-" + std::to_string(i)), v, 10s,
                                                           out[i * per_connection + k]);
                },
                asio::detached);
        }
        auto all_done = [&] {
            if (opened + failed_open < connections) return false;
            for (auto& o : out)
                if (!o.value && failed_open == 0) return false;
            return true;
        };
        QVERIFY(run_until(io, all_done));
        QCOMPARE(failed_open, 0);
        const auto me = std::this_thread::get_id();
        for (int i = 0; i < connections * per_connection; ++i) {
            auto& o = out[i];
            QVERIFY2(o.value->ok(), o.value->ok() ? "" : o.value->err().message.c_str());
            QCOMPARE(o.value->value().topics.at(0).name.value_or(""), "m-" + std::to_string(i / per_connection));
            QVERIFY(o.thread == me);  // completions run on the caller's thread: the client has none of its own
        }
        // Closed connections leave no work behind: the io_context runs dry by itself.
        conns.clear();
        io.restart();
        io.run_for(5s);
        QVERIFY(io.stopped());
    }

    // bootstrap.servers with a dead address first: the client moves on to the live one, every time.
    void bootstrap_list_skips_dead_servers() {
        uint16_t dead = 0;
        {
            asio::io_context io;
            tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
            dead = probe.local_endpoint().port();
        }
        const std::string dead_address = "127.0.0.1:" + std::to_string(dead);
        client::cluster_client cluster(dead_address + ", " + node_.address(), 5s);
        for (int round = 0; round < 3; ++round) {
            auto snap = cluster.snapshot();
            QVERIFY2(snap.ok(), snap.ok() ? "" : snap.err().message.c_str());
            QCOMPARE(snap->brokers.size(), std::size_t{1});
        }
        client::cluster_client nobody(dead_address + "," + dead_address, 5s);
        auto failed = nobody.snapshot();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.err().code, error_code::network_exception);
        QVERIFY2(failed.err().message.find("no bootstrap server answered") != std::string::npos,
                 failed.err().message.c_str());
        client::cluster_client empty(" , ", 5s);
        QCOMPARE(empty.snapshot().err().code, error_code::invalid_config);
    }

    void snapshot_carries_the_metadata_quorum() {
        client::cluster_client cluster(node_.address(), 10s);
        auto snap = cluster.snapshot();
        QVERIFY2(snap.ok(), snap.ok() ? "" : snap.err().message.c_str());
        QVERIFY(snap->quorum.has_value());
        QCOMPARE(snap->quorum->voters.size(), std::size_t{1});
        QCOMPARE(snap->quorum->leader_id, snap->quorum->voters[0].replica_id);
        QVERIFY(snap->quorum->leader_epoch >= 1);
        QVERIFY(snap->quorum->high_watermark > 0);
    }

    void describe_quorum_unsupported_is_unsupported_version() {
        // A broker whose ApiVersions lacks DescribeQuorum (ZooKeeper-mode Kafka): the call is refused before
        // anything is sent, and snapshot() leaves the quorum empty.
        asio::io_context io;
        fake_broker peer(io, fake_broker::answering_api_versions(fake_broker::action::ignore));
        std::thread server([&] { io.run_for(10s); });
        client::cluster_client cluster(peer.address(), 2s);
        auto quorum = cluster.describe_quorum();
        asio::post(io, [&] { io.stop(); });
        server.join();
        QVERIFY(!quorum.ok());
        QCOMPARE(quorum.err().code, error_code::unsupported_version);
        for (const auto& [key, version] : peer.seen()) QVERIFY(key != static_cast<int16_t>(api_key::describe_quorum));
    }

    void list_offsets_fans_out_per_leader() {
        client::admin_client admin(node_.address());
        auto created = admin.create_topics({{"offsets", 2, 1, {}, {}}});
        QVERIFY2(created.ok(), created.ok() ? "" : created.err().message.c_str());
        client::cluster_client cluster(node_.address(), 10s);
        for (int32_t partition : {0, 1}) {
            std::vector<protocol::record> records(3 + partition);
            for (std::size_t i = 0; i < records.size(); ++i) records[i].timestamp = 1'700'000'000'000 + 1000 * int64_t(i);
            auto produced = cluster.produce("offsets", partition, records, 1);
            QVERIFY2(produced.ok(), produced.ok() ? "" : produced.err().message.c_str());
        }
        auto snap = cluster.snapshot();
        QVERIFY2(snap.ok(), snap.ok() ? "" : snap.err().message.c_str());
        const std::vector<client::offset_query> queries{
            {"offsets", 0, protocol::latest_timestamp}, {"offsets", 1, protocol::latest_timestamp},
            {"offsets", 0, protocol::earliest_timestamp},  // the same partition again: the leader's next request
            {"offsets", 1, 1'700'000'001'000},             // the first record at or after this time: offset 1
            {"nowhere", 0, protocol::latest_timestamp}};
        auto answers = cluster.list_offsets(snap.value(), queries);
        QCOMPARE(answers.size(), queries.size());
        for (std::size_t i = 0; i + 1 < answers.size(); ++i) {
            QVERIFY(!answers[i].failure);
            QCOMPARE(answers[i].error, int16_t{0});
            QCOMPARE(answers[i].topic, queries[i].topic);
            QCOMPARE(answers[i].partition, queries[i].partition);
        }
        QCOMPARE(answers[0].offset, int64_t{3});
        QCOMPARE(answers[1].offset, int64_t{4});
        QCOMPARE(answers[2].offset, int64_t{0});
        QCOMPARE(answers[3].offset, int64_t{1});
        QCOMPARE(answers[3].timestamp, int64_t{1'700'000'001'000});
        QCOMPARE(answers[4].error, static_cast<int16_t>(error_code::unknown_topic_or_partition));
        // The snapshot's offsets come from the same fan-out.
        for (const auto& t : snap->topics)
            if (t.name == "offsets") {
                QCOMPARE(t.partitions.at(1).start_offset, int64_t{0});
                QCOMPARE(t.partitions.at(1).end_offset, int64_t{4});
            }
    }

    void blocking_connection_over_async() {
        auto conn = client::connection::open(node_.address(), 10s);
        QVERIFY2(conn.ok(), conn.ok() ? "" : conn.err().message.c_str());
        auto v = conn.value()->pick_version(api_key::metadata);
        QCOMPARE(v.value(), int16_t{9});
        auto m = conn.value()->send<protocol::metadata_api>(metadata_for("blocking"), v.value());
        QVERIFY2(m.ok(), m.ok() ? "" : m.err().message.c_str());
        QCOMPARE(m->topics.at(0).name.value_or(""), std::string("blocking"));

        // Against a peer that never answers, a call ends by the connection's timeout.
        asio::io_context io;
        fake_broker peer(io, fake_broker::answering_api_versions(fake_broker::action::ignore));
        std::thread server([&] { io.run_for(10s); });
        auto start = clock_type::now();
        auto slow = client::connection::open(peer.address(), 400ms);
        std::optional<result<protocol::metadata_response>> answer;
        if (slow) answer.emplace(slow.value()->send<protocol::metadata_api>(metadata_for("x"), 1));
        auto elapsed = clock_type::now() - start;
        asio::post(io, [&] { io.stop(); });
        server.join();
        QVERIFY2(slow.ok(), slow.ok() ? "" : slow.err().message.c_str());
        QCOMPARE(code_of(answer), error_code::request_timed_out);
        QVERIFY(elapsed >= 400ms);
        QVERIFY(elapsed < 4s);
        auto again = slow.value()->send<protocol::metadata_api>(metadata_for("x"), 1);
        QCOMPARE(again.err().code, error_code::network_exception);
    }
};

QTEST_GUILESS_MAIN(test_client)
#include "test_client.moc"
