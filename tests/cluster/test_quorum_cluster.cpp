// Three broker::nodes in one process on 127.0.0.1 form the metadata quorum over Kafka's KRaft APIs: they
// elect one controller, all apply the same metadata, forward admin changes sent to another node to the
// controller (KIP-590; a node's own forwarded request is never forwarded again: NOT_CONTROLLER),
// elect a new controller when the leader stops, and a restarted node catches up. Every wait is bounded.
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <functional>
#include <thread>

#include "engine/broker/node.h"
#include "engine/client/connection.h"
#include "engine/common/asio.h"
#include "engine/metadata/metadata_log.h"
#include "engine/protocol/messages/create_topics.h"
#include "engine/protocol/messages/describe_quorum.h"
#include "engine/protocol/messages/metadata.h"
#include "tests/cluster/cluster_probe.h"

using namespace sluice;
using namespace std::chrono_literals;

namespace {

constexpr int nodes = 3;
constexpr auto wait_bound = 20s;

// Ports that were free a moment ago: bound to port 0 and closed (the voters need fixed ports up front).
std::vector<uint16_t> free_ports(int n) {
    asio::io_context io;
    std::vector<tcp::acceptor> held;
    std::vector<uint16_t> ports;
    for (int i = 0; i < n; ++i) {
        held.emplace_back(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        ports.push_back(held.back().local_endpoint().port());
    }
    return ports;
}

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds bound = wait_bound) {
    return testing::eventually(pred, bound);
}

}  // namespace

class test_quorum_cluster : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::vector<uint16_t> ports_;
    std::unique_ptr<broker::node> node_[nodes];

    std::string address(int i) const { return "127.0.0.1:" + std::to_string(ports_[static_cast<std::size_t>(i)]); }

    broker::node_config config_of(int i) const {
        broker::node_config c;
        c.node_id = i + 1;
        c.host = "127.0.0.1";
        c.port = ports_[static_cast<std::size_t>(i)];
        c.data_dir = std::filesystem::path(dir_.path().toStdString()) / ("node" + std::to_string(i + 1));
        std::string voters;
        for (int v = 0; v < nodes; ++v)
            voters += (v ? "," : "") + std::to_string(v + 1) + "@" + address(v);
        c.properties = {{"controller.quorum.voters", voters},
                        {"cluster.id", "c3VpY2UtcXVvcnVtLXRlc3"},
                        {"controller.quorum.election.timeout.ms", "300"},
                        {"controller.quorum.fetch.timeout.ms", "1000"},
                        {"controller.quorum.election.backoff.max.ms", "300"},
                        {"controller.quorum.request.timeout.ms", "1000"},
                        {"broker.heartbeat.interval.ms", "200"},
                        {"broker.session.timeout.ms", "1500"}};
        return c;
    }

    void start(int i) {
        auto started = broker::node::start(config_of(i));
        if (!started) QFAIL(started.err().message.c_str());
        node_[i] = std::move(started.value());
    }

    std::unique_ptr<client::connection> connect(int i, std::string client_id = "sluice") {
        auto c = client::connection::open(address(i), 3000ms, std::move(client_id));
        return c ? std::move(c.value()) : nullptr;
    }

    // DescribeQuorum v1 through node i.
    std::optional<protocol::describe_quorum_response::partition> describe(int i) {
        return testing::describe_quorum(address(i));
    }

    // The leader every live node names through DescribeQuorum, if they agree.
    std::optional<int32_t> agreed_leader() {
        std::optional<int32_t> leader;
        for (int i = 0; i < nodes; ++i) {
            if (!node_[i]) continue;
            auto d = describe(i);
            if (!d || d->leader_id < 0 || d->current_voters.size() != nodes) return std::nullopt;
            if (leader && *leader != d->leader_id) return std::nullopt;
            leader = d->leader_id;
        }
        return leader;
    }

    std::optional<protocol::metadata_response> metadata(int i) {
        auto c = connect(i);
        if (!c) return std::nullopt;
        protocol::metadata_request req;  // topics null: all
        req.allow_auto_topic_creation = false;
        auto r = c->send<protocol::metadata_api>(req, 9);
        if (!r) return std::nullopt;
        return std::move(r.value());
    }

    bool lists(int i, const std::string& topic, std::size_t brokers, int32_t controller) {
        auto m = metadata(i);
        if (!m || m->brokers.size() != brokers || m->controller_id != controller) return false;
        for (const auto& t : m->topics)
            if (t.name == topic && t.error_code == 0 && t.partitions.size() == 3) return true;
        return false;
    }

    int16_t create_topic(int i, const std::string& name, std::string client_id = "sluice") {
        auto c = connect(i, std::move(client_id));
        if (!c) return -1;
        protocol::create_topics_request req;
        auto& t = req.topics.emplace_back();
        t.name = name;
        t.num_partitions = 3;
        t.replication_factor = 1;
        req.timeout_ms = 10000;
        auto r = c->send<protocol::create_topics_api>(req, 4);
        if (!r || r->topics.size() != 1) return -1;
        return r->topics[0].error_code;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        ports_ = free_ports(nodes);
        for (int i = 0; i < nodes; ++i) start(i);
    }

    void cleanupTestCase() {
        for (auto& n : node_)
            if (n) n->stop();
    }

    void elects_one_leader_and_replicates_metadata() {
        std::optional<int32_t> leader;
        QVERIFY(eventually([&] { return (leader = agreed_leader()).has_value(); }));
        int l = *leader - 1;
        int follower = (l + 1) % nodes;
        // What another node (a forward connection names itself sluice-quorum) sends a follower is not forwarded.
        QCOMPARE(create_topic(follower, "orders", "sluice-quorum"), static_cast<int16_t>(protocol::error_code::not_controller));
        // A client's CreateTopics sent to a follower is forwarded, and the controller's answer relayed.
        QCOMPARE(create_topic(follower, "orders"), int16_t{0});
        QCOMPARE(create_topic(l, "orders"), static_cast<int16_t>(protocol::error_code::topic_already_exists));
        QCOMPARE(create_topic((l + 2) % nodes, "orders"), static_cast<int16_t>(protocol::error_code::topic_already_exists));
        for (int i = 0; i < nodes; ++i)
            QVERIFY2(eventually([&] { return lists(i, "orders", nodes, *leader); }),
                     ("node " + std::to_string(i + 1) + " does not list the topic and the brokers").c_str());
        // Changes run one at a time on the leader, each validated after the previous one applied: of two
        // concurrent CreateTopics of one name exactly one succeeds.
        int16_t first = -1, second = -1;
        std::thread a([&] { first = create_topic(l, "twice"); });
        std::thread b([&] { second = create_topic(l, "twice"); });
        a.join();
        b.join();
        QCOMPARE(std::min(first, second), int16_t{0});
        QCOMPARE(std::max(first, second), static_cast<int16_t>(protocol::error_code::topic_already_exists));
        auto d = describe(l);
        QVERIFY(d.has_value());
        QVERIFY(d->high_watermark > 0);
        for (const auto& v : d->current_voters) QVERIFY(v.log_end_offset >= 0);
    }

    void fails_over_and_catches_up() {
        std::optional<int32_t> old_leader;
        QVERIFY(eventually([&] { return (old_leader = agreed_leader()).has_value(); }));
        int l = *old_leader - 1;
        node_[l]->stop();
        node_[l].reset();
        std::optional<int32_t> new_leader;
        auto before = std::chrono::steady_clock::now();
        QVERIFY(eventually([&] { return (new_leader = agreed_leader()).has_value() && *new_leader != *old_leader; }));
        auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - before);
        qInfo("new leader %d after %lld ms", *new_leader, static_cast<long long>(took.count()));
        QVERIFY(took < 15s);
        // The stopped broker misses its heartbeats: it is fenced, Metadata lists the two others.
        QVERIFY(eventually([&] {
            auto m = metadata(*new_leader - 1);
            return m && m->brokers.size() == nodes - 1;
        }));
        QVERIFY(eventually([&] { return create_topic(*new_leader - 1, "payments") == 0; }, 10s));
        start(l);  // it heartbeats again: unfenced, listed again
        QVERIFY(eventually([&] { return lists(l, "payments", nodes, *new_leader) && lists(l, "orders", nodes, *new_leader); }));
        QVERIFY(eventually([&] { return agreed_leader() == new_leader; }));
    }

    // A data dir of the single-node format (metadata records directly in __cluster_metadata-0) is converted
    // by a quorum of one: its topics survive, and the old log is kept aside.
    void converts_a_pre_quorum_data_dir() {
        QTemporaryDir tmp;
        std::filesystem::path data(tmp.path().toStdString());
        {
            auto old = metadata::metadata_log::open(data, 0);
            QVERIFY(old.ok());
            auto id = metadata::random_uuid();
            std::vector<metadata::metadata_record> records{metadata::topic_record{"legacy", id},
                                                           metadata::partition_record{0, id, {1}, {1}, 1, 0, 0}};
            QVERIFY(old.value()->append(records, 0).ok());
        }
        broker::node_config c;
        c.port = 0;
        c.data_dir = data;
        auto started = broker::node::start(c);
        if (!started) QFAIL(started.err().message.c_str());
        auto conn = client::connection::open("127.0.0.1:" + std::to_string(started.value()->port()), 3000ms);
        QVERIFY(conn.ok());
        protocol::metadata_request req;
        auto m = conn.value()->send<protocol::metadata_api>(req, 9);
        QVERIFY(m.ok());
        QCOMPARE(m->topics.size(), std::size_t{1});
        QCOMPARE(m->topics[0].name, std::string("legacy"));
        QCOMPARE(m->controller_id, 1);
        QVERIFY(std::filesystem::exists(data / "__cluster_metadata-0.pre-quorum"));
        started.value()->stop();
        // And it starts again from the raft log alone.
        auto again = broker::node::start(c);
        if (!again) QFAIL(again.err().message.c_str());
        auto conn2 = client::connection::open("127.0.0.1:" + std::to_string(again.value()->port()), 3000ms);
        QVERIFY(conn2.ok());
        auto m2 = conn2.value()->send<protocol::metadata_api>(req, 9);
        QVERIFY(m2.ok());
        QCOMPARE(m2->topics.size(), std::size_t{1});
        again.value()->stop();
    }
};

QTEST_GUILESS_MAIN(test_quorum_cluster)
#include "test_quorum_cluster.moc"
